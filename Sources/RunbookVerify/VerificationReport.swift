import Foundation
import RunbookKit

/// The outcome of `runbook verify`: every check in order, and the verdict.
public struct VerificationReport: Sendable, Equatable, Encodable {
    /// The version of the JSON document's shape; it changes only when a field changes meaning.
    public static let schemaVersion = 1

    /// The endpoint that was checked, normalised.
    public var url: String
    /// The token's fingerprint, never the token.
    public var token: String
    /// The checks, in order.
    public var checks: [VerificationCheck]

    public init(url: String, token: String, checks: [VerificationCheck]) {
        self.url = url
        self.token = token
        self.checks = checks
    }

    /// The worst status of any check that ran: `fail`, `warn` or `pass`.
    public var verdict: VerificationCheck.Status {
        max(checks.map(\.status).max() ?? .pass, .pass)
    }

    /// How many checks ended in each status.
    public func count(_ status: VerificationCheck.Status) -> Int {
        checks.filter { $0.status == status }.count
    }

    /// The check of a kind, if the report has it.
    public subscript(kind: VerificationCheck.Kind) -> VerificationCheck? {
        checks.first { $0.kind == kind }
    }

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, url, token, verdict, counts, checks
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.schemaVersion, forKey: .schemaVersion)
        try container.encode(url, forKey: .url)
        try container.encode(token, forKey: .token)
        try container.encode(verdict, forKey: .verdict)
        let counts = Dictionary(
            uniqueKeysWithValues: [VerificationCheck.Status.pass, .warn, .fail, .skip].map { ($0.rawValue, count($0)) })
        try container.encode(counts, forKey: .counts)
        try container.encode(checks, forKey: .checks)
    }

    /// The report as the documented JSON document, keys sorted.
    public var json: String {
        let encoder = JSONEncoder.runbook(pretty: true)
        // Every value is a string, number, array or dictionary: encoding cannot fail.
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }
}
