import Foundation
import RunbookKit
import RunbookVerify
import Testing

/// `runbook verify --rehearse` against an in-memory SCIM directory over real sockets, broken one
/// answer at a time: each fault has its diagnosis, what Entra's provisioning logs would show,
/// and what the directory holds afterwards.
@Suite("runbook verify --rehearse against faults")
struct VerifyRehearsalFaultTests {
    static let email = "it+rehearsal@contoso.example"

    struct Fault: Sendable, CustomTestStringConvertible {
        var name: String
        var quirks = SCIMDirectory.Quirks()
        var override: @Sendable (FakeHTTPServer.Request) -> FakeHTTPServer.Behavior? = { _ in nil }
        var seeded: String?
        var flagged = false
        var check: VerificationCheck.Kind
        var status: VerificationCheck.Status
        var diagnosis: String
        var entra: [String] = []
        /// The `userName`s the directory holds afterwards.
        var remaining: [String] = []
        var cleanup: VerificationCheck.Status = .pass
        var testDescription: String { name }
    }

    static func patch(containing text: String, _ behavior: FakeHTTPServer.Behavior)
        -> @Sendable (FakeHTTPServer.Request) -> FakeHTTPServer.Behavior?
    {
        { $0.method == "PATCH" && $0.body.contains(text) ? behavior : nil }
    }

    static func method(_ method: String, _ behavior: FakeHTTPServer.Behavior)
        -> @Sendable (FakeHTTPServer.Request) -> FakeHTTPServer.Behavior?
    {
        { $0.method == method ? behavior : nil }
    }

    static let faults: [Fault] = [
        Fault(
            name: "POST refused with 405", override: method("POST", SCIMDirectory.error(405)), check: .userCreate, status: .fail,
            diagnosis: "HTTP 405: the endpoint does not create users", entra: ["not-authorized"], cleanup: .skip),
        Fault(
            name: "POST refused with 501", override: method("POST", SCIMDirectory.error(501)), check: .userCreate, status: .fail,
            diagnosis: "HTTP 501: the endpoint does not create users", entra: ["unexpected-response"], cleanup: .skip),
        Fault(
            name: "200 instead of 201", quirks: .init(createStatus: 200), check: .userCreate, status: .warn,
            diagnosis: "HTTP 200 where a create answers 201 Created"),
        Fault(
            name: "500 after storing the user", quirks: .init(createStatus: 500), check: .userCreate, status: .fail,
            diagnosis: "HTTP 500 to Entra's create request", entra: ["unexpected-error"]),
        Fault(
            name: "no id in the answer", quirks: .init(createOmitsID: true), check: .userCreate, status: .fail,
            diagnosis: "HTTP 201, but the answer has no id", entra: ["service-incompatible"]),
        Fault(
            name: "the user returned twice by a query", quirks: .init(duplicatesInQuery: true), check: .userRead, status: .fail,
            diagnosis: "the query by userName returned 2 users", entra: ["duplicate-target-entries"]),
        Fault(
            name: "\"op\": \"Replace\" refused", override: patch(containing: #""op":"Replace""#, SCIMDirectory.error(400)),
            check: .userUpdate, status: .fail,
            diagnosis: "Entra's default PATCH does not apply (refused with HTTP 400); "
                + "the RFC 7644 one does, which Entra currently sends only when the Tenant URL carries the flag aadOptscim062020",
            entra: ["unexpected-response"]),
        Fault(
            name: "\"op\": \"Replace\" accepted and ignored",
            override: patch(containing: #""op":"Replace""#, .respond(status: 204, headers: [], body: "")),
            check: .userUpdate, status: .fail,
            diagnosis: "Entra's default PATCH does not apply (accepted but not applied, which Entra would log as a success"),
        Fault(
            name: "the RFC 7644 PATCH refused, with the flag",
            override: patch(containing: #""op":"replace""#, SCIMDirectory.error(400)),
            flagged: true, check: .userUpdate, status: .fail,
            diagnosis: "the Tenant URL carries ?aadOptscim062020, so Entra sends RFC 7644 PATCH requests, and they do not apply",
            entra: ["unexpected-response"]),
        Fault(
            name: "the RFC 7644 PATCH refused, without the flag",
            override: patch(containing: #""op":"replace""#, SCIMDirectory.error(400)),
            check: .userUpdate, status: .warn, diagnosis: "so the Tenant URL must not carry that flag"),
        Fault(
            name: "the \"False\" string refused", override: patch(containing: #""value":"False""#, SCIMDirectory.error(400)),
            check: .userDisable, status: .fail, diagnosis: "Entra's default PATCH does not apply (refused with HTTP 400)",
            entra: ["unexpected-response"]),
        Fault(
            name: "disabled users hidden", quirks: .init(hidesDisabled: true), check: .userDisable, status: .fail,
            diagnosis: "a disabled user is no longer returned by id", entra: ["invalid-anchor"], remaining: [email],
            cleanup: .fail),
        Fault(
            name: "DELETE refused", override: method("DELETE", SCIMDirectory.error(405)), check: .userDelete, status: .fail,
            diagnosis: "HTTP 405: the endpoint refused the delete", entra: ["not-authorized"], remaining: [email], cleanup: .fail),
        Fault(
            name: "a timeout half-way",
            override: patch(containing: "Operations", .delayed(.seconds(4), .respond(status: 204, headers: [], body: ""))),
            check: .userUpdate, status: .fail, diagnosis: "PATCH got no answer: no complete answer within 2 s",
            entra: ["no-response"]),
        Fault(
            name: "a 409 because the user exists, which the query missed",
            override: { $0.method == "GET" && $0.uri.contains("filter=") ? SCIMDirectory.list([]) : nil },
            seeded: "IT+Rehearsal@contoso.example", check: .userCreate, status: .fail, diagnosis: "HTTP 409",
            entra: ["entry-conflict"], remaining: ["IT+Rehearsal@contoso.example"], cleanup: .skip),
        Fault(
            name: "a user with that userName exists", seeded: email, check: .userQuery, status: .fail,
            diagnosis:
                "a user with userName \(email) already exists (id seeded1); the rehearsal touches no user it did not create",
            remaining: [email], cleanup: .skip),
    ]

    @Test("each fault gets its diagnosis, Entra's code, and leaves nothing behind that can be removed", arguments: faults)
    func fault(_ fault: Fault) async throws {
        let directory = SCIMDirectory(quirks: fault.quirks, override: fault.override)
        if let seeded = fault.seeded { directory.seed(userName: seeded) }
        let server = try await FakeHTTPServer.start(directory.handler)
        let url = server.baseURL() + "/scim/v2" + (fault.flagged ? "?aadOptscim062020" : "")
        let report = try await Self.rehearse(url, timeout: fault.name == "a timeout half-way" ? .seconds(2) : .seconds(5))
        let requests = server.requests
        await server.stop()

        let check = try #require(report[fault.check])
        #expect(check.status == fault.status, "\(check.diagnosis)")
        #expect(check.diagnosis.contains(fault.diagnosis), "\(check.diagnosis)")
        #expect(check.entraMessages.map(\.id) == fault.entra)
        #expect(report[.userCleanup]?.status == fault.cleanup, "\(report[.userCleanup]?.diagnosis ?? "no cleanup check")")
        #expect(directory.userNames == fault.remaining)
        if fault.cleanup == .fail {
            #expect(report[.userCleanup]?.fix?.contains("curl -X DELETE -H \"Authorization: Bearer $AIWARE_SCIM_TOKEN\"") == true)
        }
        // Every write goes to the user the rehearsal created, by the id it got back.
        for request in requests where ["PATCH", "DELETE"].contains(request.method) {
            #expect(request.uri.hasSuffix("/scim/v2/Users/u1"), "\(request.method) \(request.uri)")
        }
        #expect(requests.contains { $0.method == "POST" } == (fault.check != .userQuery))
    }

    @Test(
        "a healthy directory passes every step, with and without the flag, and holds no user afterwards",
        arguments: ["", "?aadOptscim062020"])
    func healthy(query: String) async throws {
        let directory = SCIMDirectory()
        let server = try await FakeHTTPServer.start(directory.handler)
        let report = try await Self.rehearse(server.baseURL() + "/scim/v2" + query)
        await server.stop()
        for kind in SCIMRehearsal.checks {
            #expect(report[kind]?.status == .pass, "\(kind): \(report[kind]?.diagnosis ?? "missing")")
        }
        #expect(report[.userUpdate]?.diagnosis.contains("both apply") == true)
        #expect(directory.userNames.isEmpty)
    }

    static func rehearse(_ url: String, timeout: Duration = .seconds(5)) async throws -> VerificationReport {
        let transport = try HTTPClientTransport(trustRoots: .system, connectTimeout: timeout)
        var options = SCIMVerifier.Options()
        options.timeout = timeout
        options.allowHTTPLoopback = true
        let report = await SCIMVerifier(
            transport: transport, regions: VerifyFaultTests.regions, messages: VerifyFaultTests.messages,
            options: options
        )
        .verify(
            try SCIMEndpoint(url, allowHTTPLoopback: true), token: try SCIMToken(SCIMDirectory.token, from: .standardInput),
            rehearsal: try SCIMRehearsal(email: email))
        await transport.shutdown()
        return report
    }
}

/// A signal in the middle of a rehearsal, to the real executable.
@Suite("runbook verify --rehearse, stopped by a signal")
struct VerifyRehearsalSignalTests {
    @Test(
        "SIGINT or SIGTERM during a slow request: the user is removed, then the exit status is 128 + the signal",
        arguments: [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")])
    func signal(_ signal: Int32, name: String) async throws {
        let directory = SCIMDirectory(override: {
            $0.method == "PATCH" ? .delayed(.seconds(20), .respond(status: 204, headers: [], body: "")) : nil
        })
        let server = try await FakeHTTPServer.start(directory.handler)
        let result = try RunbookProcess.run(
            [
                "verify", "--allow-http-loopback", "--timeout", "30", "--rehearse", VerifyRehearsalFaultTests.email,
                server.baseURL() + "/scim/v2",
            ],
            environment: ["AIWARE_SCIM_TOKEN": SCIMDirectory.token],
            whileRunning: { process in
                // Signal once the first PATCH hangs: the user exists by then.
                let deadline = Date().addingTimeInterval(15)
                while !server.requests.contains(where: { $0.method == "PATCH" }), Date() < deadline {
                    Thread.sleep(forTimeInterval: 0.02)
                }
                kill(process.processIdentifier, signal)
            })
        await server.stop()
        #expect(result.status == 128 + signal, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("SKIP  user update      interrupted by \(name) before it finished"), "\(result.stdout)")
        #expect(result.stdout.contains("PASS  user cleanup     removed the user u1 (HTTP 204)"), "\(result.stdout)")
        #expect(directory.userNames.isEmpty)
    }
}
