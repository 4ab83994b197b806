import Foundation
import RunbookKit
import RunbookTestSupport
import RunbookVerify
import Testing

/// Faults a real SCIM server will not produce, from an in-process server over real sockets,
/// through the real HTTP transport.
@Suite("runbook verify against faults", .temporaryFolders)
struct VerifyFaultTests {
    static let token = "fault-test-token-Hb3Rw9"
    static let regions = try! RegionTable(contentsOf: RunbookProcess.repository.appendingPathComponent("Templates/regions.json"))
    static let messages = try! EntraCatalogue(templatesDirectory: RunbookProcess.repository.appendingPathComponent("Templates"))
    static let listResponse =
        #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"Resources":[]}"#

    /// A healthy SCIM service, with `override` answering first when it returns a behavior.
    static func service(_ override: @escaping @Sendable (FakeHTTPServer.Request) -> FakeHTTPServer.Behavior? = { _ in nil })
        -> @Sendable (FakeHTTPServer.Request) -> FakeHTTPServer.Behavior
    {
        { request in
            if let behavior = override(request) { return behavior }
            guard request.header("Authorization") == "Bearer \(token)" else {
                return .json(401, #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"401"}"#)
            }
            let path = request.uri.split(separator: "?")[0]
            if path.hasSuffix("/Users") || path.hasSuffix("/Groups") { return .json(200, listResponse) }
            if path.hasSuffix("/ServiceProviderConfig") { return .json(200, #"{"filter":{"supported":true}}"#) }
            if path.hasSuffix("/Schemas") || path.hasSuffix("/ResourceTypes") { return .json(200, listResponse) }
            return .json(404, #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404"}"#)
        }
    }

    func verify(_ server: FakeHTTPServer, path: String = "/scim/v2", timeout: Duration = .seconds(5)) async throws
        -> VerificationReport
    {
        try await verify(url: server.baseURL() + path, timeout: timeout)
    }

    func verify(url: String, timeout: Duration = .seconds(5)) async throws -> VerificationReport {
        let transport = try HTTPClientTransport(trustRoots: .system, connectTimeout: timeout)
        var options = SCIMVerifier.Options()
        options.timeout = timeout
        options.allowHTTPLoopback = true
        let report = await SCIMVerifier(transport: transport, regions: Self.regions, messages: Self.messages, options: options)
            .verify(try SCIMEndpoint(url, allowHTTPLoopback: true), token: try SCIMToken(Self.token, from: .standardInput))
        await transport.shutdown()
        return report
    }

    struct Fault: Sendable, CustomTestStringConvertible {
        var name: String
        var behavior: @Sendable (FakeHTTPServer.Request) -> FakeHTTPServer.Behavior?
        var check: VerificationCheck.Kind = .testConnection
        var status: VerificationCheck.Status
        var diagnosis: String
        var testDescription: String { name }
    }

    static let faults: [Fault] = [
        Fault(
            name: "401", behavior: { _ in .json(401, "{}") }, status: .fail, diagnosis: "HTTP 401: the Secret Token was refused"),
        Fault(
            name: "404", behavior: { _ in .json(404, "{}") }, status: .fail, diagnosis: "HTTP 404: nothing answers at this URL"),
        Fault(
            name: "400 invalidFilter",
            behavior: {
                $0.uri.contains("/Users?")
                    ? .json(
                        400,
                        #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"scimType":"invalidFilter","status":"400"}"#)
                    : nil
            },
            status: .fail, diagnosis: "HTTP 400 invalidFilter"),
        Fault(
            name: "500", behavior: { $0.uri.contains("/Users?") ? .json(500, "oops", contentType: "text/plain") : nil },
            status: .fail, diagnosis: "HTTP 500: the SCIM service failed"),
        Fault(
            name: "Resources null",
            behavior: {
                $0.uri.contains("/Users?") && $0.header("Authorization") != nil
                    ? .json(
                        200,
                        #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"Resources":null}"#)
                    : nil
            },
            status: .fail, diagnosis: "HTTP 200, but the list says \"Resources\": null"),
        Fault(
            name: "an ignored filter",
            behavior: {
                $0.uri.contains("/Users?") && $0.header("Authorization") == "Bearer \(token)"
                    ? .json(
                        200,
                        #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":2,"Resources":[{"id":"1"},{"id":"2"}]}"#
                    ) : nil
            },
            status: .fail, diagnosis: "HTTP 200, but the filter was ignored: 2 resources came back"),
        Fault(
            name: "application/json",
            behavior: {
                $0.uri.contains("/Users?") && $0.header("Authorization") == "Bearer \(token)"
                    ? .json(200, listResponse, contentType: "application/json") : nil
            },
            status: .warn, diagnosis: "HTTP 200, an empty ListResponse, but with Content-Type ‘application/json’"),
        Fault(
            name: "an endpoint that answers without a token",
            behavior: { $0.uri.contains("/Users?") ? .json(200, listResponse) : nil },
            check: .authentication, status: .fail,
            diagnosis: "the endpoint answers a request with no token and with a wrong token with success"),
        Fault(
            name: "no /Groups", behavior: { $0.uri.contains("/Groups") ? .json(404, "{}") : nil },
            check: .groups, status: .warn, diagnosis: "HTTP 404: the endpoint serves no groups"),
        Fault(
            name: "a 50 MB body",
            behavior: {
                $0.uri.contains("/Users?") && $0.header("Authorization") == "Bearer \(token)" ? .hugeBody(bytes: 50 << 20) : nil
            },
            status: .fail, diagnosis: "HTTP 200, but the body goes on past 1024 KiB"),
        Fault(
            name: "a connection closed mid-answer", behavior: { $0.uri.contains("/Users?") ? .closeMidBody : nil },
            status: .fail, diagnosis: "the server closed the connection before the answer was complete"),
    ]

    @Test("diagnoses each fault", arguments: faults)
    func fault(_ fault: Fault) async throws {
        let server = try await FakeHTTPServer.start(Self.service(fault.behavior))
        let report = try await verify(server)
        await server.stop()
        let check = try #require(report[fault.check])
        #expect(check.status == fault.status)
        #expect(check.diagnosis.hasPrefix(fault.diagnosis), "\(check.diagnosis)")
    }

    @Test("sends Entra's request: no User-Agent, the token only where meant, Accept application/scim+json")
    func requestsOnTheWire() async throws {
        let server = try await FakeHTTPServer.start(Self.service())
        let report = try await verify(server)
        await server.stop()
        #expect(report.verdict == .warn)  // the loopback host only
        let probe = try #require(server.requests.first)
        #expect(probe.method == "GET")
        #expect(probe.uri.wholeMatch(of: /\/scim\/v2\/Users\?filter=userName%20eq%20%22[0-9a-f-]{36}%22/) != nil, "\(probe.uri)")
        #expect(probe.header("Authorization") == "Bearer \(Self.token)")
        #expect(probe.header("Accept") == "application/scim+json")
        #expect(server.requests.allSatisfy { $0.header("User-Agent") == nil && $0.method == "GET" })
        #expect(server.requests.filter { $0.header("Authorization") == nil }.count == 1)
    }

    @Test("an HTML 403 that disappears with a User-Agent is named a firewall")
    func firewall() async throws {
        let server = try await FakeHTTPServer.start(
            Self.service { request in
                request.header("User-Agent") == nil && request.uri.contains("/Users?")
                    ? .json(403, "<html><body>Access denied</body></html>", contentType: "text/html") : nil
            })
        let report = try await verify(server)
        await server.stop()
        #expect(
            report[.testConnection]?.diagnosis.contains(
                "a firewall in front of the endpoint refuses requests without a User-Agent") == true)
        #expect(server.requests.filter { $0.header("User-Agent") != nil }.count == 1)
    }

    @Test("a redirect is reported with its Location and never followed: the other host receives nothing")
    func redirect() async throws {
        let elsewhere = try await FakeHTTPServer.start(host: "127.0.0.2") { _ in .json(200, Self.listResponse) }
        let location = elsewhere.baseURL() + "/scim/v2/Users"
        let server = try await FakeHTTPServer.start(
            Self.service { _ in
                .respond(status: 307, headers: [(name: "Location", value: location)], body: "")
            })
        let report = try await verify(server)
        await server.stop()
        await elsewhere.stop()
        #expect(report[.testConnection]?.diagnosis.hasPrefix("HTTP 307: the endpoint redirects to ‘\(location)’") == true)
        #expect(elsewhere.requests.isEmpty)
    }

    @Test("an answer slower than the timeout fails within the timeout plus a second")
    func slowAnswer() async throws {
        let server = try await FakeHTTPServer.start(Self.service { _ in .delayed(.seconds(8), .json(200, Self.listResponse)) })
        // Through the binary, in a process of its own: the tests' shared thread pool, busy with
        // other suites, must not decide when a timeout fires.
        let start = ContinuousClock.now
        let result = try RunbookProcess.run(
            ["verify", "--allow-http-loopback", "--timeout", "1", "--json", server.baseURL() + "/scim/v2"],
            environment: ["AIWARE_SCIM_TOKEN": Self.token])
        let elapsed = ContinuousClock.now - start
        await server.stop()
        #expect(result.status == 1)
        let check = try #require(try JSONReport(result.stdout).check("test-connection"))
        #expect(check["diagnosis"] as? String == "no complete answer within 1 s")
        #expect(check["entraMessages"] as? [String] == ["credential-validation-unavailable", "no-answer"])
        let milliseconds = try #require(((check["requests"] as? [[String: Any]])?.first?["milliseconds"]) as? Double)
        #expect(milliseconds >= 1_000 && milliseconds < 2_000)
        #expect(elapsed < .seconds(4), "the whole run took \(elapsed)")
    }

    @Test("a server that offers only TLS 1.1 fails the transport check: TLS 1.2 is the minimum")
    func oldTLS() async throws {
        let authority = try TestCertificateAuthority()
        let server = try await FakeHTTPServer.start(
            tls: authority.serverContext(names: ["localhost"], maximumTLSVersion: .tlsv11),
            Self.service())
        let transport = try HTTPClientTransport(trustRoots: .pemFile(authority.caPEM.path))
        let report = await SCIMVerifier(transport: transport, regions: Self.regions, messages: Self.messages)
            .verify(
                try SCIMEndpoint(server.baseURL(hostName: "localhost") + "/scim/v2", allowHTTPLoopback: false),
                token: try SCIMToken(Self.token, from: .standardInput))
        await transport.shutdown()
        await server.stop()
        #expect(report[.transport]?.diagnosis == "the TLS handshake failed: the server offers no TLS version from 1.2 up")
        #expect(server.requests.isEmpty)
    }

    @Test("a port nothing listens on fails the transport check")
    func connectionRefused() async throws {
        let report = try await verify(url: "http://127.0.0.1:\(try FreePort.next())/scim/v2")
        #expect(report[.transport]?.status == .fail)
        #expect(report[.transport]?.diagnosis.hasSuffix("refused the connection: nothing listens there") == true)
        #expect(report[.testConnection]?.status == .skip)
    }

    @Test("a name that does not resolve fails the transport check")
    func unresolvable() async throws {
        let report = try await verify(url: "https://scim.does-not-exist.invalid/scim/v2", timeout: .seconds(5))
        #expect(report[.transport]?.status == .fail)
        #expect(report[.transport]?.diagnosis == "the host name scim.does-not-exist.invalid does not resolve")
    }
}
