import Foundation
import Testing

@testable import RunbookKit
@testable import RunbookVerify

/// The diagnosis logic of `runbook verify`, against an in-memory endpoint: no sockets.
@Suite("Verifying a Tenant URL: the diagnoses")
struct SCIMVerifierTests {
    static let tenantURL = "https://api.us-1.veritone.com/v1/admin/scim/16f982b7-17fa-4c6c-a17b-9e7e018d42c0"
    static let token = try! SCIMToken(FakeTransport.validToken, from: .environment("AIWARE_SCIM_TOKEN"))

    func verify(
        _ url: String = tenantURL, token: SCIMToken = token, options: SCIMVerifier.Options = .init(),
        _ configure: (FakeTransport) -> Void = { _ in }
    )
        async throws -> (VerificationReport, FakeTransport)
    {
        let transport = FakeTransport()
        configure(transport)
        let counter = Counter()
        let verifier = SCIMVerifier(
            transport: transport, regions: Fixtures.regions, messages: Fixtures.messages, options: options,
            makeID: { counter.nextID() }, now: { FakeTransport.now })
        let report = await verifier.verify(try SCIMEndpoint(url, allowHTTPLoopback: false), token: token)
        return (report, transport)
    }

    func statuses(_ report: VerificationReport) -> [String] {
        report.checks.map { "\($0.kind.rawValue) \($0.status.rawValue)" }
    }

    // MARK: A healthy endpoint

    @Test("a healthy aiWARE endpoint passes every check, in the documented order")
    func healthy() async throws {
        let (report, _) = try await verify()
        #expect(
            statuses(report) == [
                "input pass", "transport pass", "test-connection pass", "authentication pass",
                "groups pass", "discovery pass", "error-format pass", "latency pass",
            ])
        #expect(report.verdict == .pass)
        #expect(report[.input]?.diagnosis == "an aiWARE Tenant URL: region us-1, tenant 16f982b7-17fa-4c6c-a17b-9e7e018d42c0")
        #expect(
            report[.transport]?.diagnosis.hasPrefix(
                "TLS 1.3 to 203.0.113.7:443; certificate CN=api.us-1.veritone.com, issued by CN=Example CA,O=Example") == true)
        #expect(report[.testConnection]?.diagnosis == "HTTP 200, an empty ListResponse: Entra's Test Connection will pass")
    }

    @Test("sends Entra's probe exactly: GET /Users with a userName filter on a fresh GUID, the token, no User-Agent")
    func probeShape() async throws {
        let (_, transport) = try await verify()
        let probe = try #require(transport.requests.first)
        #expect(probe.url == Self.tenantURL + "/Users?filter=userName%20eq%20%22id-1%22")
        #expect(probe.headers.map(\.name) == ["Accept", "Authorization"])
        #expect(probe.headers[1].value == "Bearer \(FakeTransport.validToken)")
        let urls = transport.requests.map(\.url)
        // id-2 is the authentication probe's, id-3 its wrong token's.
        #expect(urls.contains(Self.tenantURL + "/Groups?excludedAttributes=members&filter=displayName%20eq%20%22id-4%22"))
        #expect(urls.contains(Self.tenantURL + "/Users/id-5"))
        #expect(Set(urls).count == urls.count - 1, "only the authentication pair shares a URL")
        #expect(transport.requests.allSatisfy { $0.userAgent == nil })
    }

    @Test("the authentication check sends one request without a token and one with a wrong one")
    func authenticationRequests() async throws {
        let (report, transport) = try await verify()
        let credentials = report[.authentication]?.requests.map(\.credentials)
        #expect(credentials == ["none", "wrong-token"])
        let pair = transport.requests.filter { $0.url.hasSuffix("id-2%22") }
        #expect(pair.count == 2)
        #expect(pair[0].token == nil)
        #expect(pair[1].token != nil && pair[1].token != Self.token)
    }

    // MARK: input

    @Test(
        "a callback or login URL fails the input check with the right Tenant URL as the fix, and sends nothing",
        arguments: ["/callback/login", "/login", ""])
    func openIDURL(suffix: String) async throws {
        let url = "https://api.us-1.veritone.com/v1/admin/openid/16f982b7-17fa-4c6c-a17b-9e7e018d42c0" + suffix
        let (report, transport) = try await verify(url)
        #expect(report[.input]?.status == .fail)
        #expect(report[.input]?.fix == "Use the Tenant URL \(Self.tenantURL), in Entra and here.")
        #expect(report[.input]?.entraMessages.map(\.id) == ["invalid-credentials", "status-not-found"])
        #expect(
            report.checks.dropFirst().allSatisfy {
                $0.status == .skip && $0.diagnosis == "skipped: the URL is not the Tenant URL to check"
            })
        #expect(transport.requests.isEmpty && transport.connectCount == 0)
    }

    @Test("a known host with a path that is not a Tenant URL fails with the derivation's reason")
    func badPathOnKnownHost() async throws {
        let (report, _) = try await verify(Self.tenantURL + "/Users")
        #expect(report[.input]?.status == .fail)
        #expect(report[.input]?.diagnosis.contains("continues with ‘/Users’ after the tenant ID") == true)
    }

    @Test("a host outside the region table only warns, since Entra accepts any HTTPS URL")
    func unknownHost() async throws {
        let (report, _) = try await verify("https://scim.example.net/scim/v2")
        #expect(report[.input]?.status == .warn)
        #expect(report[.input]?.diagnosis.hasPrefix("scim.example.net is not an aiWARE API host") == true)
        #expect(report[.testConnection]?.status == .pass)
        #expect(report.verdict == .warn)
    }

    @Test("an OpenID path on an unknown host still fails, with the SCIM path as the fix")
    func openIDPathOnUnknownHost() async throws {
        let (report, _) = try await verify(
            "https://aiware.acme.example:8443/v1/admin/openid/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/callback/login")
        #expect(report[.input]?.status == .fail)
        #expect(
            report[.input]?.fix?.contains(
                "Use https://aiware.acme.example:8443/v1/admin/scim/16f982b7-17fa-4c6c-a17b-9e7e018d42c0") == true)
    }

    @Test("a pasted Bearer prefix is removed with a warning")
    func bearerPrefix() async throws {
        let token = try SCIMToken("  Bearer \(FakeTransport.validToken)\n", from: .environment("AIWARE_SCIM_TOKEN"))
        let (report, _) = try await verify(token: token)
        #expect(token == Self.token)
        #expect(report[.input]?.status == .warn)
        #expect(
            report[.input]?.fix?.contains("Removed a ‘Bearer ’ prefix from the environment variable AIWARE_SCIM_TOKEN") == true)
        #expect(report[.testConnection]?.status == .pass)
    }

    // MARK: transport

    struct TransportCase: Sendable, CustomTestStringConvertible {
        var failure: TransportFailure
        var diagnosis: String
        var testDescription: String { diagnosis }
    }

    static let transportCases = [
        TransportCase(
            failure: .nameNotResolved(host: "api.us-1.veritone.com"),
            diagnosis: "the host name api.us-1.veritone.com does not resolve"),
        TransportCase(
            failure: .connectionRefused, diagnosis: "api.us-1.veritone.com:443 refused the connection: nothing listens there"),
        TransportCase(failure: .connectTimedOut, diagnosis: "no connection to api.us-1.veritone.com:443 within 10 s"),
        TransportCase(
            failure: .certificateRejected(.untrusted(issuer: "CN=Corporate Proxy CA")),
            diagnosis: "the certificate, issued by CN=Corporate Proxy CA, is not trusted here"),
        TransportCase(
            failure: .certificateRejected(.wrongHost(names: ["other.example"])),
            diagnosis: "the certificate is for other.example, not api.us-1.veritone.com"),
        TransportCase(
            failure: .certificateRejected(.expired(Date(timeIntervalSince1970: 1_700_000_000))),
            diagnosis: "the certificate expired on 2023-11-14"),
        TransportCase(
            failure: .tlsFailed("the server offers no TLS version from 1.2 up"),
            diagnosis: "the TLS handshake failed: the server offers no TLS version from 1.2 up"),
        TransportCase(
            failure: .proxyUnreachable(proxy: "http://proxy.example:3128", reason: "it did not answer in time"),
            diagnosis: "cannot reach the proxy http://proxy.example:3128: it did not answer in time"),
        TransportCase(
            failure: .proxyRefused(proxy: "http://proxy.example:3128", status: 407, reason: nil, realm: "Corp"),
            diagnosis: "the proxy http://proxy.example:3128 asks for credentials (407, realm \"Corp\")"),
        TransportCase(
            failure: .proxyRefused(proxy: "http://proxy.example:3128", status: 403, reason: "Forbidden", realm: nil),
            diagnosis:
                "the proxy http://proxy.example:3128 refused to open a tunnel to api.us-1.veritone.com:443 with 403 Forbidden"),
        TransportCase(
            failure: .proxyClosed(proxy: "http://proxy.example:3128"),
            diagnosis: "the proxy http://proxy.example:3128 closed the connection instead of opening a tunnel to "
                + "api.us-1.veritone.com:443"),
    ]

    @Test("an untrusted certificate through a proxy may be the proxy's TLS inspection, which Entra does not go through")
    func inspectingProxy() async throws {
        var options = SCIMVerifier.Options()
        options.proxy = try HTTPProxy("proxy.example:3128", source: "https_proxy")
        let (report, _) = try await verify(options: options) {
            $0.connection = .failure(.certificateRejected(.untrusted(issuer: "CN=Corporate Inspection CA")))
        }
        #expect(
            report[.transport]?.diagnosis
                == "the certificate, issued by CN=Corporate Inspection CA, is not trusted here (through the proxy "
                + "http://proxy.example:3128, from https_proxy); a proxy that inspects TLS shows a certificate of its own, "
                + "from another issuer, and Entra connects from Microsoft's cloud, not through your proxy")
        #expect(report[.transport]?.fix?.contains("openssl s_client -connect api.us-1.veritone.com:443") == true)
    }

    @Test("no transport fails with Entra's no-answer message and skips the rest, sending no request", arguments: transportCases)
    func transport(_ testCase: TransportCase) async throws {
        let (report, transport) = try await verify { $0.connection = .failure(testCase.failure) }
        #expect(report[.transport]?.status == .fail)
        #expect(report[.transport]?.diagnosis == testCase.diagnosis)
        if testCase.failure.proxy != nil {
            #expect(report[.transport]?.entraMessages.isEmpty == true, "Entra does not go through this machine's proxy")
        } else {
            #expect(report[.transport]?.entraMessages.map(\.id) == ["credential-validation-unavailable", "no-answer"])
        }
        #expect(report.checks.dropFirst(2).allSatisfy { $0.diagnosis == "skipped: there is no connection to the endpoint" })
        #expect(transport.requests.isEmpty)
    }

    @Test("a certificate that expires within two weeks warns", arguments: [(5.0, VerificationCheck.Status.warn), (30.0, .pass)])
    func expiringCertificate(days: Double, status: VerificationCheck.Status) async throws {
        let (report, _) = try await verify { $0.connection = FakeTransport(certificateDays: days).connection }
        #expect(report[.transport]?.status == status)
    }

    @Test("a certificate's subject and issuer are shown inertly, whatever they hold (found by FuzzSCIMResponses)")
    func certificateText() async throws {
        let (report, _) = try await verify {
            $0.connection = .success(
                ConnectionDetails(
                    address: "203.0.113.7:443", tlsVersion: "TLS 1.3",
                    certificate: CertificateSummary(
                        subject: "CN=\u{1B}]0;pwned\u{07}", issuer: "\u{202E}AC elpmaxE=NC",
                        notValidAfter: FakeTransport.now.addingTimeInterval(90 * 86_400))))
        }
        #expect(
            report[.transport]?.diagnosis.hasPrefix(
                #"TLS 1.3 to 203.0.113.7:443; certificate CN=\u{1b}]0;pwned\u{7}, issued by \u{202e}AC elpmaxE=NC,"#) == true)
    }

    // MARK: test connection

    struct ProbeCase: Sendable, CustomTestStringConvertible {
        var name: String
        var answer: FakeTransport.Answer
        var status: VerificationCheck.Status
        var diagnosis: String
        var entra: [String] = []
        var skipsRest = false
        var testDescription: String { name }
    }

    static let probeCases: [ProbeCase] = [
        ProbeCase(
            name: "401", answer: .success(FakeTransport.json(401, "{}")), status: .fail,
            diagnosis: "HTTP 401: the Secret Token was refused", entra: ["invalid-credentials", "status-unauthorized"]),
        ProbeCase(
            name: "403 with a JSON body", answer: .success(FakeTransport.json(403, "{}")), status: .fail,
            diagnosis: "HTTP 403: the token is known but may not read users", entra: ["invalid-credentials", "status-forbidden"]),
        ProbeCase(
            name: "404", answer: .success(FakeTransport.json(404, "{}")), status: .fail,
            diagnosis: "HTTP 404: nothing answers at this URL", entra: ["invalid-credentials", "status-not-found"],
            skipsRest: true),
        ProbeCase(
            name: "400 invalidFilter",
            answer: .success(
                FakeTransport.json(
                    400, #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"400","scimType":"invalidFilter"}"#
                )),
            status: .fail, diagnosis: "HTTP 400 invalidFilter: the endpoint does not accept Entra's filter",
            entra: ["invalid-credentials"]),
        ProbeCase(
            name: "500", answer: .success(FakeTransport.json(500, "{}")), status: .fail,
            diagnosis: "HTTP 500: the SCIM service failed", entra: ["invalid-credentials", "status-server-error"]),
        ProbeCase(
            name: "501", answer: .success(FakeTransport.json(501, "{}")), status: .fail,
            diagnosis: "HTTP 501: the endpoint does not implement this request",
            entra: ["invalid-credentials", "status-not-supported"]),
        ProbeCase(
            name: "a redirect",
            answer: .success(FakeTransport.json(302, "", headers: [(name: "Location", value: "https://login.example/sso")])),
            status: .fail, diagnosis: "HTTP 302: the endpoint redirects to ‘https://login.example/sso’",
            entra: ["invalid-credentials"], skipsRest: true),
        ProbeCase(
            name: "Resources null",
            answer: .success(
                FakeTransport.json(
                    200, #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"Resources":null}"#)
            ),
            status: .fail, diagnosis: "HTTP 200, but the list says \"Resources\": null", entra: ["service-incompatible"]),
        ProbeCase(
            name: "an ignored filter",
            answer: .success(
                FakeTransport.json(
                    200,
                    #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":3,"Resources":[{},{},{}]}"#
                )),
            status: .fail, diagnosis: "HTTP 200, but the filter was ignored: 3 resources came back", entra: ["multiple-entries"]),
        ProbeCase(
            name: "application/json",
            answer: .success(
                FakeTransport.json(
                    200, #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0}"#,
                    contentType: "application/json; charset=utf-8")),
            status: .warn, diagnosis: "HTTP 200, an empty ListResponse, but with Content-Type ‘application/json; charset=utf-8’"),
        ProbeCase(
            name: "an HTML login page",
            answer: .success(FakeTransport.json(200, "<html><body>Sign in</body></html>", contentType: "text/html")),
            status: .fail, diagnosis: "HTTP 200, but the body is an HTML page (starts ‘<html><body>Sign in</body></html>’)",
            entra: ["service-incompatible"]),
        ProbeCase(
            name: "not a ListResponse", answer: .success(FakeTransport.json(200, #"{"totalResults":0}"#)), status: .fail,
            diagnosis: "HTTP 200, but the body is not a SCIM ListResponse (its schemas are missing)",
            entra: ["service-incompatible"]),
        ProbeCase(
            name: "no totalResults",
            answer: .success(
                FakeTransport.json(200, #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":"0"}"#)
            ),
            status: .fail, diagnosis: "HTTP 200, but the list has no whole-number totalResults", entra: ["service-incompatible"]),
        ProbeCase(
            name: "a body past the limit",
            answer: .success(SCIMResponse(status: 200, body: Array(repeating: 0x20, count: 10), isTruncated: true)),
            status: .fail, diagnosis: "HTTP 200, but the body goes on past 1024 KiB", entra: ["service-incompatible"]),
        ProbeCase(
            name: "JSON nested past any sensible depth",
            answer: .success(
                FakeTransport.json(200, String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))),
            status: .fail, diagnosis: "HTTP 200, but the body is JSON nested deeper than 512 levels",
            entra: ["service-incompatible"]),
        ProbeCase(
            name: "invalid UTF-8",
            answer: .success(SCIMResponse(status: 200, body: [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D])),
            status: .fail, diagnosis: "HTTP 200, but the body is not JSON", entra: ["service-incompatible"]),
        ProbeCase(
            name: "a timeout", answer: .failure(.timedOut), status: .fail, diagnosis: "no complete answer within 10 s",
            entra: ["credential-validation-unavailable", "no-answer"], skipsRest: true),
        ProbeCase(
            name: "a connection closed mid-answer", answer: .failure(.connectionClosed), status: .fail,
            diagnosis: "the server closed the connection before the answer was complete",
            entra: ["credential-validation-unavailable", "no-answer"], skipsRest: true),
    ]

    @Test("diagnoses each answer to Entra's probe", arguments: probeCases)
    func probe(_ testCase: ProbeCase) async throws {
        let (report, _) = try await verify { transport in
            let answer = testCase.answer
            transport.on("/Users") { $0.token == Self.token ? answer : .success(FakeTransport.json(401, "{}")) }
        }
        let check = try #require(report[.testConnection])
        #expect(check.status == testCase.status)
        #expect(check.diagnosis.hasPrefix(testCase.diagnosis), "\(check.diagnosis)")
        #expect(check.entraMessages.map(\.id) == testCase.entra)
        #expect(check.fix != nil || check.status == .pass)
        if testCase.skipsRest {
            #expect(report.checks.drop { $0.kind != .authentication }.allSatisfy { $0.status == .skip })
        }
    }

    @Test("an HTML 403 that a User-Agent gets past is a firewall that refuses Entra")
    func firewall() async throws {
        let (report, transport) = try await verify { transport in
            transport.on("/Users") { request in
                guard request.token == Self.token else { return .success(FakeTransport.json(401, "{}")) }
                return request.userAgent == nil
                    ? .success(FakeTransport.json(403, "<html>Request blocked</html>", contentType: "text/html"))
                    : .success(FakeTransport.emptyList)
            }
        }
        let check = try #require(report[.testConnection])
        #expect(check.status == .fail)
        #expect(check.diagnosis.contains("a firewall in front of the endpoint refuses requests without a User-Agent header"))
        #expect(check.requests.count == 2)
        #expect(transport.requests[1].userAgent == SCIMVerifier.userAgent)
        #expect(transport.requests[1].url == transport.requests[0].url)
    }

    @Test("an HTML 403 that a User-Agent does not get past stays a 403")
    func htmlForbidden() async throws {
        let (report, _) = try await verify { transport in
            transport.on("/Users") { _ in .success(FakeTransport.json(403, "<html>Forbidden</html>", contentType: "text/html")) }
        }
        #expect(report[.testConnection]?.diagnosis.hasPrefix("HTTP 403: the token is known") == true)
    }

    @Test("a refused token skips the checks that need one")
    func refusedToken() async throws {
        let wrong = try SCIMToken("not-the-token", from: .standardInput)
        let (report, _) = try await verify(token: wrong)
        #expect(
            statuses(report) == [
                "input pass", "transport pass", "test-connection fail", "authentication pass",
                "groups skip", "discovery skip", "error-format skip", "latency pass",
            ])
    }

    // MARK: authentication

    @Test("an endpoint that answers without a valid token fails authentication", arguments: ["none", "wrong-token"])
    func openEndpoint(credentials: String) async throws {
        let (report, _) = try await verify { transport in
            transport.on("/Users") { request in
                let accepted =
                    request.token == Self.token || (credentials == "none" ? request.token == nil : request.token != nil)
                return accepted ? .success(FakeTransport.emptyList) : .success(FakeTransport.json(401, "{}"))
            }
        }
        let check = try #require(report[.authentication])
        #expect(check.status == .fail)
        #expect(check.diagnosis.contains("with success: anyone who can reach it can read your users"))
        #expect(report[.testConnection]?.status == .pass)
        #expect(report.verdict == .fail)
    }

    @Test("an endpoint that answers a missing token with 404 warns")
    func oddRefusal() async throws {
        let (report, _) = try await verify { transport in
            transport.on("/Users") {
                $0.token == Self.token ? .success(FakeTransport.emptyList) : .success(FakeTransport.json(404, "{}"))
            }
        }
        #expect(report[.authentication]?.status == .warn)
        #expect(
            report[.authentication]?.diagnosis == "no token gets HTTP 404, a wrong token gets HTTP 404, where 401 is expected")
    }

    // MARK: groups, discovery, error format, latency

    @Test("no groups endpoint warns to turn the groups mapping off", arguments: [404, 405, 501])
    func noGroups(status: Int) async throws {
        let (report, _) = try await verify { $0.on("/Groups") { _ in .success(FakeTransport.json(status, "{}")) } }
        #expect(report[.groups]?.status == .warn)
        #expect(report[.groups]?.fix?.contains("Provision Microsoft Entra ID Groups > Enabled: No") == true)
        #expect(report.verdict == .warn)
    }

    @Test("a failing group probe warns, since aiWARE documents no groups")
    func brokenGroups() async throws {
        let (report, _) = try await verify {
            $0.on("/Groups") { _ in .success(FakeTransport.json(400, #"{"scimType":"invalidFilter"}"#)) }
        }
        #expect(report[.groups]?.status == .warn)
        #expect(report[.groups]?.entraMessages.isEmpty == true)
    }

    @Test("missing discovery endpoints only warn")
    func discovery() async throws {
        let (report, _) = try await verify { $0.on("/Schemas") { _ in .success(FakeTransport.json(404, "{}")) } }
        #expect(report[.discovery]?.status == .warn)
        #expect(report[.discovery]?.diagnosis.contains("missing: /Schemas (HTTP 404)") == true)
    }

    @Test(
        "error format",
        arguments: [
            (200, #"{"id":"x"}"#, VerificationCheck.Status.fail, "HTTP 200 for a user ID that cannot exist"),
            (404, "Not Found", .warn, "HTTP 404, but the body is not a SCIM Error"),
            (
                404, #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":404}"#, .warn,
                "HTTP 404 with a SCIM Error whose status is not the string \"404\""
            ),
            (400, "{}", .warn, "HTTP 400 for a user that does not exist, where 404 is expected"),
        ])
    func errorFormat(status: Int, body: String, expected: VerificationCheck.Status, diagnosis: String) async throws {
        let (report, _) = try await verify { $0.on("/Users/id-5") { _ in .success(FakeTransport.json(status, body)) } }
        #expect(report[.errorFormat]?.status == expected)
        #expect(report[.errorFormat]?.diagnosis.hasPrefix(diagnosis) == true)
    }

    @Test("a request slower than 600 ms warns, naming the slowest")
    func latency() async throws {
        let (report, _) = try await verify { transport in
            transport.duration = { $0.url.contains("/Groups") ? .milliseconds(1_250) : .milliseconds(40) }
        }
        #expect(report[.latency]?.status == .warn)
        #expect(report[.latency]?.diagnosis == "8 requests, median 40 ms, slowest 1.3 s (GET …/Groups); 1 over 600 ms")
    }

    // MARK: the report

    @Test("the JSON report has the documented shape and never the token")
    func json() async throws {
        let (report, _) = try await verify()
        let text = report.json
        #expect(!text.contains(FakeTransport.validToken))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["schemaVersion", "url", "token", "verdict", "counts", "checks"])
        #expect(object["verdict"] as? String == "pass")
        #expect(object["token"] as? String == Self.token.fingerprint)
        let checks = try #require(object["checks"] as? [[String: Any]])
        // Without --rehearse the rehearsal's checks are not in the report at all.
        #expect(
            checks.map { $0["id"] as? String }
                == VerificationCheck.Kind.allCases.filter { !$0.isRehearsal }
                .map(\.rawValue))
        #expect(
            Set(checks[2].keys) == [
                "id", "title", "status", "diagnosis", "fix", "entra", "entraMessages", "requests", "milliseconds",
            ])
        let request = try #require((checks[2]["requests"] as? [[String: Any]])?.first)
        #expect(Set(request.keys) == ["method", "url", "credentials", "status", "failure", "milliseconds"])
    }

    static let echoCases: [(String, @Sendable (SCIMRequest) -> FakeTransport.Answer)] = [
        ("a body", { _ in .success(FakeTransport.json(200, "you sent Bearer \(FakeTransport.validToken)")) }),
        (
            "an error detail",
            { _ in
                .success(
                    FakeTransport.json(
                        409,
                        #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","detail":"bad token \#(FakeTransport.validToken)"}"#
                    ))
            }
        ),
        ("a list of schemas", { _ in .success(FakeTransport.json(200, #"{"schemas":["\#(FakeTransport.validToken)"]}"#)) }),
        (
            "a redirect",
            { _ in
                .success(
                    SCIMResponse(
                        status: 302, headers: [(name: "Location", value: "https://x.example/?t=\(FakeTransport.validToken)")]))
            }
        ),
    ]

    @Test("a server that echoes the token back cannot carry it into the report", arguments: echoCases)
    func echoedToken(place: String, answer: @escaping @Sendable (SCIMRequest) -> FakeTransport.Answer) async throws {
        let (report, _) = try await verify { $0.on("/Users", answer) }
        #expect(report.verdict == .fail)
        let text = report.json + report.checks.map { "\($0.diagnosis) \($0.fix ?? "")" }.joined()
        #expect(!text.contains(FakeTransport.validToken))
        #expect(text.contains("[token]"))
    }

    @Test("names a server sends are quoted, stripped of terminal controls, and cut to a line")
    func serverNames() async throws {
        let names = (0..<1_000).map { #"{"name":"Type\u001b[31m\#($0)"}"# }.joined(separator: ",")
        let (report, _) = try await verify {
            $0.on("/ResourceTypes") { _ in .success(FakeTransport.json(200, #"{"Resources":[\#(names)]}"#)) }
        }
        let diagnosis = try #require(report[.discovery]?.diagnosis)
        #expect(diagnosis.contains("resource types ‘Type\\u{1b}[31m0’, ‘Type\\u{1b}[31m1’"))
        #expect(diagnosis.contains("and 994 more"))
        #expect(!diagnosis.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test("a token's fingerprint is sha256: and 8 hex digits, and describing a token never shows it")
    func fingerprint() throws {
        #expect(Self.token.fingerprint.wholeMatch(of: /sha256:[0-9a-f]{8}/) != nil)
        #expect("\(Self.token)" == Self.token.fingerprint)
        #expect(String(reflecting: Self.token) == "SCIMToken(\(Self.token.fingerprint))")
        #expect(!"\([Self.token])".contains(FakeTransport.validToken))
    }

    @Test(
        "a token that cannot be one is an input error",
        arguments: [
            ("", RunbookError.Code.missingToken), ("  \n", .missingToken), ("Bearer ", .missingToken),
            ("two words", .invalidToken), ("line\nbreak", .invalidToken), ("tab\there", .invalidToken), ("tökën", .invalidToken),
        ])
    func badToken(raw: String, code: RunbookError.Code) {
        let error = #expect(throws: RunbookError.self) { try SCIMToken(raw, from: .standardInput) }
        #expect(error?.code == code)
        if !raw.isEmpty, code == .invalidToken { #expect(error?.message.contains(raw) == false) }
    }
}

/// Predictable IDs: id-1, id-2, …
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func nextID() -> String {
        lock.withLock {
            value += 1
            return "id-\(value)"
        }
    }
}
