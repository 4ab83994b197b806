import Foundation
import RunbookKit
import RunbookTestSupport
import Testing

/// `runbook verify` against python-scim's scim2-server, a real SCIM server, over real sockets.
@Suite("runbook verify against a real SCIM server", .temporaryFolders, .serialized)
struct VerifyRealServerTests {
    static let token = "scim2-server-token-Zq8xK2mW"

    @Test("with the right token every check passes; only the loopback host warns")
    func rightToken() throws {
        let server = try SCIM2Server(token: Self.token)
        defer { server.stop() }
        let result = try RunbookProcess.run(
            ["verify", "--allow-http-loopback", server.baseURL],
            environment: ["AIWARE_SCIM_TOKEN": Self.token])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("WARN  input            127.0.0.1 is not an aiWARE API host") })
        for title in [
            "transport       ", "test connection", "authentication ", "groups         ", "discovery      ",
            "error format   ", "latency        ",
        ] {
            #expect(lines.contains { $0.hasPrefix("PASS  \(title)") }, "\(title) did not pass:\n\(result.stdout)")
        }
        #expect(lines.last == "WARN: 0 failed, 1 warning, 7 passed, 0 skipped. Entra's Test Connection will pass.")
    }

    @Test("with a wrong token the token is refused, with Entra's message, and the checks that need it skip")
    func wrongToken() throws {
        let server = try SCIM2Server(token: Self.token)
        defer { server.stop() }
        let result = try RunbookProcess.run(
            ["verify", "--allow-http-loopback", "--json", server.baseURL],
            environment: ["AIWARE_SCIM_TOKEN": "not-the-token"])
        #expect(result.status == 1)
        let report = try JSONReport(result.stdout)
        #expect(report.verdict == "fail")
        #expect(report.check("test-connection")?["status"] as? String == "fail")
        #expect(report.check("test-connection")?["diagnosis"] as? String == "HTTP 401: the Secret Token was refused")
        #expect(
            (report.check("test-connection")?["entra"] as? String)?.hasPrefix("“You appear to have entered invalid credentials")
                == true)
        #expect(report.check("test-connection")?["entraMessages"] as? [String] == ["invalid-credentials", "status-unauthorized"])
        #expect(report.check("authentication")?["status"] as? String == "pass")
        #expect(report.check("groups")?["status"] as? String == "skip")
        #expect(report.check("error-format")?["status"] as? String == "skip")
    }

    @Test(
        "--rehearse passes every step against scim2-server, with and without Entra's flag, and leaves no user",
        arguments: ["", "?aadOptscim062020"])
    func rehearsal(query: String) throws {
        let server = try SCIM2Server(token: Self.token)
        defer { server.stop() }
        // Twice with one address: the second run's query finds no user only if the first removed it.
        for _ in 1...2 {
            let result = try RunbookProcess.run(
                [
                    "verify", "--allow-http-loopback", "--json", "--rehearse", "it+rehearsal@contoso.example",
                    server.baseURL + query,
                ], environment: ["AIWARE_SCIM_TOKEN": Self.token])
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let report = try JSONReport(result.stdout)
            for id in ["user-query", "user-create", "user-read", "user-update", "user-disable", "user-delete", "user-cleanup"] {
                #expect(report.check(id)?["status"] as? String == "pass", "\(id): \(report.check(id)?["diagnosis"] ?? "missing")")
            }
            // scim2-server applies both of Entra's PATCH forms, so the flag is neither needed nor harmful.
            #expect((report.check("user-update")?["diagnosis"] as? String)?.contains("both apply") == true)
            let methods = (report.check("user-update")?["requests"] as? [[String: Any]])?.compactMap { $0["method"] as? String }
            #expect(methods == ["PATCH", "GET", "PATCH", "GET"])
            #expect(!result.stdout.contains(Self.token))
        }
        let left = try RunbookProcess.run(
            ["verify", "--allow-http-loopback", "--json", server.baseURL],
            environment: ["AIWARE_SCIM_TOKEN": Self.token])
        #expect(left.status == 0)
        #expect(try server.userCount() == 0)
    }

    @Test("an unknown tenant path gets the wrong-URL diagnosis")
    func unknownTenant() throws {
        let server = try SCIM2Server(token: Self.token)
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/v1/admin/scim/16f982b7-17fa-4c6c-a17b-9e7e018d42c0"
        let result = try RunbookProcess.run(
            ["verify", "--allow-http-loopback", url], environment: ["AIWARE_SCIM_TOKEN": Self.token])
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL  test connection  HTTP 404: nothing answers at this URL"))
        #expect(result.stdout.contains("SKIP  authentication   skipped: nothing answers at the Tenant URL"))
    }

    @Test("the token never appears in any output, whichever way it comes in")
    func tokenStaysSecret() throws {
        let secret = "Sup3r-Secret-Token-\(UUID().uuidString)"
        let server = try SCIM2Server(token: secret)
        defer { server.stop() }
        let directory = try TemporaryFolders.make()
        let file = directory.appendingPathComponent("token")
        try Data("\(secret)\n".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)

        let modes: [(arguments: [String], environment: [String: String], stdin: String?)] = [
            ([], ["AIWARE_SCIM_TOKEN": secret], nil),
            (["--json"], ["AIWARE_SCIM_TOKEN": "Bearer \(secret)"], nil),
            (["--token-file", file.path], [:], nil),
            (["--token-file", file.path, "--json"], [:], nil),
            (["--token-stdin"], [:], secret),
            (["--token-stdin", "--json"], [:], " Bearer \(secret) \n"),
            (["--token-stdin", "--timeout", "0"], [:], secret),
            (["--token-stdin"], [:], "\(secret) \(secret)"),
        ]
        for mode in modes {
            let result = try RunbookProcess.run(
                ["verify", "--allow-http-loopback", server.baseURL] + mode.arguments,
                environment: mode.environment, stdin: mode.stdin)
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "\(mode.arguments) printed the token")
            #expect(!result.stdout.contains(String(secret.suffix(12))), "\(mode.arguments) printed part of the token")
        }
        // The token did work, so the scan above looked at real reports.
        let check = try RunbookProcess.run(["verify", "--allow-http-loopback", server.baseURL, "--token-file", file.path])
        #expect(check.status == 0)
    }

    @Test("a token file others can read works, with a warning to chmod it")
    func readableTokenFile() throws {
        let server = try SCIM2Server(token: Self.token)
        defer { server.stop() }
        let file = try TemporaryFolders.make().appendingPathComponent("token")
        try Data(Self.token.utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let result = try RunbookProcess.run([
            "verify", "--allow-http-loopback", "--json", server.baseURL, "--token-file", file.path,
        ])
        #expect(result.status == 0)
        let fix = try JSONReport(result.stdout).check("input")?["fix"] as? String
        #expect(fix?.contains("can be read by other users (mode 644). Restrict it with: chmod 600 \(file.path)") == true)
    }
}

/// Refusals that happen before any byte is sent, and the other input errors.
@Suite("runbook verify input errors")
struct VerifyInputTests {
    @Test(
        "plain http is refused before a byte is sent, unless it is loopback and allowed",
        arguments: [
            (
                ["http://127.0.0.2:PORT/v2", "--allow-http-loopback"],
                "error[insecure-scheme]: the URL uses http://, and runbook sends a token only over https://"
            ),
            (
                ["http://127.0.0.1:PORT/v2"],
                "error[insecure-scheme]: the URL uses plain http://, which would send the token unencrypted."
            ),
            (["http://user:pw@127.0.0.1:PORT/v2", "--allow-http-loopback"], "error[credentials-in-url]: "),
            (["http://127.0.0.1:PORT/v2?x=1", "--allow-http-loopback"], "error[query-or-fragment]: "),
        ])
    func refusedBeforeSending(arguments: [String], message: String) async throws {
        let server = try await FakeHTTPServer.start(host: arguments[0].contains("127.0.0.2") ? "127.0.0.2" : "127.0.0.1") { _ in
            .json(200, "{}")
        }
        let url = arguments[0].replacingOccurrences(of: "PORT", with: "\(server.port)")
        let result = try RunbookProcess.run(["verify", url] + arguments.dropFirst(), environment: ["AIWARE_SCIM_TOKEN": "t0ken"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
        #expect(server.requests.isEmpty)
        await server.stop()
    }

    @Test(
        "input errors exit 2 with a sentence that says what to do",
        arguments: [
            (
                ["https://api.us-1.veritone.com/v1/admin/scim/16f982b7-17fa-4c6c-a17b-9e7e018d42c0"], [String: String](),
                "error[missing-token]: no token was given. Set AIWARE_SCIM_TOKEN"
            ),
            (
                ["https://api.us-1.veritone.com/v1/admin/scim/x", "--token-file", "/nonexistent/token"], [:],
                "error[missing-token]: cannot read the token file /nonexistent/token"
            ),
            (
                ["https://api.us-1.veritone.com/v1/admin/scim/x"], ["AIWARE_SCIM_TOKEN": "   "],
                "error[missing-token]: the environment variable AIWARE_SCIM_TOKEN holds no token."
            ),
            (
                ["https://api.us-1.veritone.com/v1/admin/scim/x"], ["AIWARE_SCIM_TOKEN": "two\nlines"],
                "error[invalid-token]: the token from the environment variable AIWARE_SCIM_TOKEN holds white space or a line break"
            ),
            (
                ["https://api.us-1.veritone.com/v1/admin/scim/x", "--cacert", "/etc/hostname"], ["AIWARE_SCIM_TOKEN": "t"],
                "error[invalid-cacert]: cannot read certificates from /etc/hostname"
            ),
            (
                ["https://api.us-1.veritone.com/v1/admin/scim/x", "--timeout", "0"], ["AIWARE_SCIM_TOKEN": "t"],
                "error[usage]: --timeout must be a number of seconds above 0"
            ),
            (
                ["https://api.us-1.veritone.com/v1/admin/scim/x", "--token-stdin", "--token-file", "f"],
                ["AIWARE_SCIM_TOKEN": "t"],
                "error[usage]: Give the token one way"
            ),
            (["not a url"], ["AIWARE_SCIM_TOKEN": "t"], "error[not-a-url]: "),
            (
                ["https://api.us-1.veritone.com/v1/admin/scim/x", "--rehearse", "IT Desk <it@contoso.example>"],
                ["AIWARE_SCIM_TOKEN": "t"],
                "error[invalid-email-address]: ‘IT Desk <it@contoso.example>’ is not a plain e-mail address. --rehearse takes an address you control"
            ),
            (
                ["https://api.us-1.veritone.com/v1/admin/scim/x", "--rehearse", "it@"], ["AIWARE_SCIM_TOKEN": "t"],
                "error[invalid-email-address]: ‘it@’ is not a plain e-mail address."
            ),
            (
                ["https://api.us-1.veritone.com/v1/admin/scim/x?aadOptscim062020=1"], ["AIWARE_SCIM_TOKEN": "t"],
                "error[query-or-fragment]: the URL has a query or a fragment, which a Tenant URL never has, except Entra's flag ?aadOptscim062020."
            ),
        ])
    func inputError(arguments: [String], environment: [String: String], message: String) throws {
        let result = try RunbookProcess.run(["verify"] + arguments, environment: environment)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
    }

    @Test("a callback URL fails the input check with the Tenant URL as the fix, and connects nowhere")
    func callbackURL() throws {
        let result = try RunbookProcess.run(
            ["verify", "https://api.us-1.veritone.com/v1/admin/openid/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/callback/login"],
            environment: ["AIWARE_SCIM_TOKEN": "t0ken"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL  input            this is the OpenID callback URL, not the SCIM Tenant URL"))
        #expect(
            result.stdout.contains(
                "Fix: Use the Tenant URL https://api.us-1.veritone.com/v1/admin/scim/16f982b7-17fa-4c6c-a17b-9e7e018d42c0, in Entra and here."
            ))
        #expect(result.stdout.contains("SKIP  transport        skipped: the URL is not the Tenant URL to check"))
    }
}

/// The JSON report, parsed.
struct JSONReport {
    let object: [String: Any]

    init(_ text: String) throws {
        object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    var verdict: String? { object["verdict"] as? String }

    func check(_ id: String) -> [String: Any]? {
        (object["checks"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }
}

@Suite("runbook verify on a terminal")
struct VerifyTerminalTests {
    static let callback = "https://api.us-1.veritone.com/v1/admin/openid/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/callback/login"

    /// Runs `runbook` under a pseudo-terminal with util-linux's `script`.
    func onTerminal(_ environment: String) throws -> String {
        let command = "\(environment) AIWARE_SCIM_TOKEN=t0ken '\(RunbookProcess.executable.path)' verify '\(Self.callback)'"
        let result = try RunbookProcess.run(
            ["-qec", command, "/dev/null"], environment: ["TERM": "xterm"],
            executable: URL(fileURLWithPath: "/usr/bin/script"))
        return result.stdout
    }

    @Test("colours statuses on a terminal, and never when piped or with NO_COLOR")
    func colour() throws {
        #expect(try onTerminal("").contains("\u{1B}[1;31mFAIL\u{1B}[0m  input"))
        #expect(try !onTerminal("NO_COLOR=1").contains("\u{1B}["))
        let piped = try RunbookProcess.run(["verify", Self.callback], environment: ["AIWARE_SCIM_TOKEN": "t0ken"])
        #expect(!piped.stdout.contains("\u{1B}["))
        #expect(piped.stdout.contains("FAIL  input"))
    }
}
