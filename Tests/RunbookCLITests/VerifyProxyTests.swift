import Foundation
import NIOCore
import NIOPosix
import RunbookTestSupport
import Testing

@testable import RunbookVerify

/// `runbook verify` behind an HTTP proxy, as curl is: Debian's tinyproxy in front of scim2-server
/// behind the tests' TLS front, and curl itself deciding what `no_proxy` exempts.
@Suite("runbook verify through a proxy", .temporaryFolders, .serialized)
struct VerifyProxyTests {
    static let token = "proxy-test-token-Zq8wK3"

    /// Runs `runbook verify` against scim2-server behind a TLS front for `localhost`, with
    /// `environment` (the proxy variables) and `arguments`.
    func verify(environment: [String: String], _ arguments: [String] = [], proxy: Tinyproxy? = nil) async throws
        -> RunbookProcess.Result
    {
        let authority = try TestCertificateAuthority()
        let server = try SCIM2Server(token: Self.token)
        defer { server.stop() }
        let front = try await TLSFront.start(
            context: authority.serverContext(names: ["localhost"], days: 90), backendPort: server.port)
        let result = try RunbookProcess.run(
            ["verify", "https://localhost:\(front.port)/v2", "--cacert", authority.caPEM.path, "--timeout", "5"] + arguments,
            environment: ["AIWARE_SCIM_TOKEN": Self.token].merging(environment) { $1 })
        await front.stop()
        return result
    }

    /// What the proxy must never see or show: the token, a path, the credentials' password.
    func expectNothingSecret(in texts: [String], proxyLog: String) {
        for text in texts + [proxyLog] {
            #expect(!text.contains(Self.token), "the token leaked: \(text)")
            #expect(!text.contains("s3cret"), "the proxy password leaked: \(text)")
        }
        #expect(!proxyLog.contains("/v2"), "the proxy saw a path: \(proxyLog)")
        #expect(!proxyLog.contains("GET ") && !proxyLog.contains("POST "), "a request went to the proxy in clear: \(proxyLog)")
    }

    @Test("passes through the proxy of https_proxy, which sees CONNECT only, never the token or a path")
    func passes() async throws {
        let proxy = try Tinyproxy()
        let result = try await verify(environment: ["https_proxy": proxy.url()])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("PASS  transport        TLS 1."))
        #expect(result.stdout.contains(" through the proxy \(proxy.url()) (https_proxy)"))
        #expect(result.stdout.contains("issued by CN=runbook test CA"), "the certificate is the endpoint's")
        #expect(result.stdout.contains("PASS  test connection"))
        #expect(proxy.log.contains("CONNECT localhost:"), "\(proxy.log)")
        expectNothingSecret(in: [result.stdout, result.stderr], proxyLog: proxy.log)
    }

    @Test("credentials in the proxy URL go to the proxy, and are printed nowhere")
    func credentials() async throws {
        let proxy = try Tinyproxy(basicAuth: "alice s3cret")
        let result = try await verify(environment: ["HTTPS_PROXY": proxy.url(credentials: "alice:s3cret")], ["--json"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("through the proxy \(proxy.url()) (HTTPS_PROXY)"))
        expectNothingSecret(in: [result.stdout, result.stderr], proxyLog: proxy.log)
    }

    @Test("a proxy that asks for credentials: 407 and its realm, with how to give them")
    func noCredentials() async throws {
        let proxy = try Tinyproxy(basicAuth: "alice s3cret")
        let result = try await verify(environment: ["https_proxy": proxy.url()])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "FAIL  transport        the proxy \(proxy.url()) asks for credentials (407, realm \"Tinyproxy\")"),
            "\(result.stdout)")
        #expect(result.stdout.contains("http://user:password@host:port"))
        expectNothingSecret(in: [result.stdout, result.stderr], proxyLog: proxy.log)
    }

    @Test("wrong credentials: the proxy's refusal, with its status")
    func wrongCredentials() async throws {
        let proxy = try Tinyproxy(basicAuth: "alice s3cret")
        let result = try await verify(environment: ["https_proxy": proxy.url(credentials: "alice:Wr0ngPa55")])
        #expect(result.status == 1)
        // tinyproxy 1.11 answers wrong credentials with 401, not 407.
        #expect(
            result.stdout.contains("FAIL  transport        the proxy \(proxy.url()) refused to open a tunnel to localhost:"),
            "\(result.stdout)")
        #expect(result.stdout.contains(" with 401 Unauthorized"))
        #expect(!result.stdout.contains("Wr0ngPa55"))
    }

    @Test("a proxy that refuses CONNECT to the port: 403 and what to ask the network team")
    func forbiddenPort() async throws {
        let proxy = try Tinyproxy(connectPorts: [443])
        let result = try await verify(environment: ["https_proxy": proxy.url()])
        #expect(result.status == 1)
        #expect(result.stdout.contains("refused to open a tunnel to localhost:"), "\(result.stdout)")
        #expect(result.stdout.contains(" with 403 "))
        #expect(result.stdout.contains("allow CONNECT to localhost:"))
    }

    @Test("a proxy that is not listening is named as unreachable, not the endpoint")
    func notListening() async throws {
        let port = try FreePort.next()
        let result = try await verify(environment: ["https_proxy": "127.0.0.1:\(port)"])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "FAIL  transport        cannot reach the proxy http://127.0.0.1:\(port): it refused the connection"),
            "\(result.stdout)")
        #expect(!result.stdout.contains("Entra shows"), "Entra does not go through this machine's proxy")
        #expect(
            result.stdout.hasSuffix(
                "Entra's Test Connection could not be judged from here: this machine's proxy stands in the way, and "
                    + "Entra does not go through it.\n"))
    }

    @Test("a proxy that closes the connection instead of a tunnel")
    func closesTheTunnel() async throws {
        let closer = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in channel.close() }
            .bind(host: "127.0.0.1", port: 0).get()
        defer { closer.close(promise: nil) }
        let port = try #require(closer.localAddress?.port)
        let result = try await verify(environment: ["https_proxy": "http://127.0.0.1:\(port)"])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "FAIL  transport        the proxy http://127.0.0.1:\(port) closed the connection instead of opening a tunnel"),
            "\(result.stdout)")
    }

    @Test("--proxy '' and no_proxy bypass a proxy of the environment; --proxy overrides it")
    func bypass() async throws {
        let dead = "http://127.0.0.1:\(try FreePort.next())"
        for (environment, arguments) in [
            (["https_proxy": dead], ["--proxy", ""]),
            (["https_proxy": dead, "no_proxy": "example.com, localhost"], []),
            (["https_proxy": dead, "NO_PROXY": "*"], []),
        ] {
            let result = try await verify(environment: environment, arguments)
            #expect(result.status == 0, "\(environment) \(arguments): \(result.stdout)")
            #expect(!result.stdout.contains("through the proxy"))
        }
        let proxy = try Tinyproxy()
        let result = try await verify(environment: ["https_proxy": dead], ["--proxy", proxy.url()])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("through the proxy \(proxy.url()) (--proxy)"))
    }

    @Test(
        "a proxy URL verify cannot use is an input error",
        arguments: ["socks5://127.0.0.1:1080", "https://proxy:3128", "http://proxy:3128/path", "http://:3128"])
    func invalidProxy(url: String) throws {
        let result = try RunbookProcess.run(
            ["verify", "https://api.us-1.veritone.com/v1/admin/scim/16f982b7-17fa-4c6c-a17b-9e7e018d42c0", "--proxy", url],
            environment: ["AIWARE_SCIM_TOKEN": Self.token])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error[invalid-proxy]: the proxy --proxy gives "), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    // no_proxy, decided by curl itself: the proxy and the endpoint are one server, which tells
    // a proxied request (absolute-form) from a direct one.

    static let noProxyTable: [(noProxy: String, host: String, exempt: Bool)] = [
        ("*", "example.com", true),
        ("*,foo.com", "example.com", false),
        ("example.com", "example.com", true),
        ("example.com", "www.example.com", true),
        ("example.com", "notexample.com", false),
        (".example.com", "example.com", true),
        ("EXAMPLE.COM", "www.example.com", true),
        ("example.com.", "www.example.com", true),
        ("*.example.com", "www.example.com", false),
        ("example.com:443", "example.com", false),
        ("foo.com, example.com", "example.com", true),
        ("foo.com,,example.com", "example.com", true),
        ("com", "example.com", true),
        ("", "localhost", false),
        ("localhost", "localhost", true),
        ("localhost", "127.0.0.1", false),
        ("foo.com", "127.0.0.1", false),
        ("127.0.0.1", "127.0.0.1", true),
        ("127.0.0.0/8", "127.0.0.5", true),
        ("10.0.0.0/8", "127.0.0.9", false),
        ("127.0.0.4/31", "127.0.0.5", true),
        ("* ", "example.com", false),
        ("127.0.0.1.", "127.0.0.1", false),
        ("127.0.0.0/8x", "127.0.0.5", true),
        ("0.0.0.0/0", "127.0.0.1", false),
        ("foo.com example.com", "example.com", true),
    ]

    @Test("no_proxy exempts exactly the hosts curl exempts", arguments: noProxyTable)
    func noProxyAsCurl(row: (noProxy: String, host: String, exempt: Bool)) async throws {
        #expect(NoProxyList(row.noProxy).exempts(row.host) == row.exempt, "runbook's rule")
        let server = try await FakeHTTPServer.start(host: "0.0.0.0") { _ in .respond(status: 204, headers: [], body: "") }
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = [
            "--silent", "--max-time", "5", "--output", "/dev/null", "--resolve", "\(row.host):\(server.port):127.0.0.1",
            "http://\(row.host):\(server.port)/probe",
        ]
        curl.environment = ["http_proxy": "http://127.0.0.1:\(server.port)", "no_proxy": row.noProxy]
        curl.standardError = FileHandle.nullDevice
        try curl.run()
        curl.waitUntilExit()
        let request = try #require(server.requests.first, "curl sent nothing")
        #expect(!request.uri.hasPrefix("http://") == row.exempt, "curl's rule: \(request.uri)")
    }
}
