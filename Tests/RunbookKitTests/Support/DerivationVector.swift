import Foundation
import Testing

@testable import RunbookKit

/// One case of a vectors file (`scim-url.json` and `scim-url-edge-cases.json`).
struct DerivationVector: Decodable, Sendable, CustomTestStringConvertible {
    struct Input: Decodable, Sendable {
        var url: String?
        var region: String?
        var tenant: String?
    }

    var name: String
    var input: Input
    var scim: String?
    var region: String?
    var tenant: String?
    var error: String?

    var testDescription: String { name }

    var tenantInput: TenantInput { TenantInput(url: input.url, region: input.region, tenantID: input.tenant) }

    struct File: Decodable {
        var regions: [String: String]
        var cases: [DerivationVector]
    }

    static func load(_ name: String) -> File {
        // A malformed fixture is a bug in the test suite itself.
        try! JSONDecoder().decode(File.self, from: Fixtures.data(name))
    }

    static let publicVectors = load("scim-url.json")
    static let edgeCases = load("scim-url-edge-cases.json")
}
