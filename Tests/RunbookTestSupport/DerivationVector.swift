import Foundation
import Testing

/// One case of a vectors file (`scim-url.json` and `scim-url-edge-cases.json`), shared by the
/// library's tests and the `runbook url` binary's.
public struct DerivationVector: Decodable, Sendable, CustomTestStringConvertible {
    public struct Input: Decodable, Sendable {
        public var url: String?
        public var region: String?
        public var tenant: String?
    }

    public var name: String
    public var input: Input
    public var scim: String?
    public var region: String?
    public var tenant: String?
    public var error: String?

    public var testDescription: String { name }

    /// A vectors file: the region table it assumes, and its cases.
    public struct File: Decodable, Sendable {
        public var regions: [String: String]
        public var cases: [DerivationVector]
    }

    /// Reads a file of `Tests/Fixtures`.
    public static func load(_ name: String) -> File {
        // A malformed fixture is a bug in the test suite itself.
        try! JSONDecoder().decode(File.self, from: Data(contentsOf: Repository.fixtures.appendingPathComponent(name)))
    }

    /// The public vectors, `scim-url.json`.
    public static let publicVectors = load("scim-url.json")
    /// The project's edge cases, `scim-url-edge-cases.json`.
    public static let edgeCases = load("scim-url-edge-cases.json")
}
