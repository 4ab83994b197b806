import Foundation
import RunbookTestSupport
import Testing

@Suite("Temporary folders of the tests")
struct TemporaryFoldersTests {
    @Test(
        "a folder made in a test is gone with everything in it when the test ends, even when it failed",
        arguments: [false, true])
    func removed(failing: Bool) async throws {
        let made = Made()
        let scope: TemporaryFolders = .temporaryFolders
        do {
            try await scope.provideScope(for: Test.current!, testCase: Test.Case.current) {
                let folder = try TemporaryFolders.make()
                try FileManager.default.createDirectory(
                    at: folder.appendingPathComponent("out/nested"), withIntermediateDirectories: true)
                try Data("runbook".utf8).write(to: folder.appendingPathComponent("out/nested/runbook.md"))
                made.folders = [folder, try TemporaryFolders.make()]
                if failing { throw TestFailure("the test failed") }
            }
            #expect(!failing)
        } catch {
            #expect(failing && "\(error)" == "the test failed")
        }
        #expect(made.folders.count == 2)
        #expect(made.folders.first != made.folders.last)
        for folder in made.folders {
            #expect(!FileManager.default.fileExists(atPath: folder.path))
            #expect(!FileManager.default.fileExists(atPath: folder.deletingLastPathComponent().path))
        }
    }

    @Test("asking for a folder outside a test that cleans up fails and says which trait is missing")
    func outsideTheTrait() {
        #expect {
            try TemporaryFolders.make()
        } throws: { error in
            "\(error)".contains("add .temporaryFolders to the test's @Suite")
        }
    }

    private final class Made: @unchecked Sendable {
        var folders: [URL] = []
    }
}
