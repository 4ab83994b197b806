import Foundation
import Testing

@testable import RunbookKit

/// The error codes scripts and the personaliser match on: declared once, each documented.
@Suite("Error codes")
struct ErrorCodeTests {
    @Test("README's table lists every code, in the order they are declared, and no other")
    func readmeTable() throws {
        let readme = try String(contentsOf: Fixtures.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "Every error code, declared in one place")).upperBound
        let rows = readme[start...].split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("| code |") }.dropFirst(2)
            .prefix { $0.hasPrefix("| `") }
        let documented = rows.compactMap { $0.firstMatch(of: /^\| `([a-z0-9-]+)` \|/).map { String($0.1) } }
        #expect(documented.count == rows.count, "a row of the table does not start with one code")
        #expect(documented == RunbookError.Code.all.map(\.rawValue))
        #expect(Set(documented).count == documented.count, "a code is listed twice")
    }

    @Test("no code is declared outside RunbookError+Codes.swift")
    func onePlace() throws {
        let sources = Fixtures.repository.appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        for case let file as URL in files
        where file.pathExtension == "swift" && file.lastPathComponent != "RunbookError+Codes.swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(!text.contains("Self(rawValue: \""), "\(file.lastPathComponent) declares an error code")
            #expect(!text.contains("error[usage]"), "\(file.lastPathComponent) writes a code by hand")
        }
    }
}
