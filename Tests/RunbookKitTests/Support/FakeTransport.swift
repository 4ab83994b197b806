import Foundation

@testable import RunbookKit
@testable import RunbookVerify

/// A SCIM endpoint in memory: a healthy aiWARE-like service by default, with any answer
/// replaced per test. It records every request, and sends nothing anywhere.
final class FakeTransport: SCIMTransport, @unchecked Sendable {
    typealias Answer = Result<SCIMResponse, TransportFailure>

    static let validToken = "valid-token-0123456789"

    var connection: Result<ConnectionDetails, TransportFailure>
    var connectDuration: Duration = .milliseconds(30)
    /// Answers by route, checked in order; the first whose key the URL path ends with wins.
    var routes: [(suffix: String, answer: @Sendable (SCIMRequest) -> Answer)] = []
    var duration: @Sendable (SCIMRequest) -> Duration = { _ in .milliseconds(20) }

    private let lock = NSLock()
    private var sent: [SCIMRequest] = []
    private var connects = 0

    init(certificateDays: Double = 90) {
        connection = .success(
            ConnectionDetails(
                address: "203.0.113.7:443", tlsVersion: "TLS 1.3",
                certificate: CertificateSummary(
                    subject: "CN=api.us-1.veritone.com", issuer: "CN=Example CA,O=Example",
                    notValidAfter: FakeTransport.now.addingTimeInterval(certificateDays * 86_400))))
    }

    static let now = Date(timeIntervalSince1970: 1_764_374_400)

    var requests: [SCIMRequest] { lock.withLock { sent } }
    var connectCount: Int { lock.withLock { connects } }

    func connect(to endpoint: SCIMEndpoint, timeout: Duration) async -> ConnectionOutcome {
        lock.withLock { connects += 1 }
        return ConnectionOutcome(result: connection, duration: connectDuration)
    }

    func send(_ request: SCIMRequest, timeout: Duration, bodyLimit: Int) async -> SCIMExchange {
        lock.withLock { sent.append(request) }
        return SCIMExchange(request: request, result: answer(request), duration: duration(request))
    }

    /// Replaces the answer for URLs whose path ends with `suffix`.
    func on(_ suffix: String, _ answer: @escaping @Sendable (SCIMRequest) -> Answer) {
        routes.insert((suffix, answer), at: 0)
    }

    private func answer(_ request: SCIMRequest) -> Answer {
        let path = String(request.url.split(separator: "?", maxSplits: 1)[0])
        if let route = routes.first(where: { path.hasSuffix($0.suffix) }) { return route.answer(request) }
        guard request.headers.contains(where: { $0.name == "Authorization" && $0.value == "Bearer \(Self.validToken)" }) else {
            return .success(Self.json(401, #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"401"}"#))
        }
        switch path {
        case let path where path.hasSuffix("/Users") || path.hasSuffix("/Groups"):
            return .success(Self.emptyList)
        case let path where path.hasSuffix("/ServiceProviderConfig"):
            return .success(
                Self.json(
                    200,
                    #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],"filter":{"supported":true,"maxResults":100},"patch":{"supported":true}}"#
                ))
        case let path where path.hasSuffix("/Schemas"):
            return .success(
                Self.json(
                    200,
                    #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":1,"Resources":[{"id":"urn:ietf:params:scim:schemas:core:2.0:User"}]}"#
                ))
        case let path where path.hasSuffix("/ResourceTypes"):
            return .success(
                Self.json(
                    200,
                    #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":1,"Resources":[{"name":"User"}]}"#
                ))
        default:
            return .success(
                Self.json(
                    404, #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404","detail":"not found"}"#))
        }
    }

    static let emptyList = json(
        200, #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"Resources":[]}"#)

    static func json(
        _ status: Int, _ body: String, contentType: String = "application/scim+json",
        headers: [(name: String, value: String)] = []
    ) -> SCIMResponse {
        SCIMResponse(status: status, headers: [(name: "Content-Type", value: contentType)] + headers, body: Array(body.utf8))
    }
}
