import Foundation
import Testing

/// Folders a test writes in, removed when the test ends, whether it passed or not.
///
/// A suite whose tests write files carries the trait: `@Suite(.temporaryFolders)`. Each test, and
/// each case of a parameterised test, gets a root folder of its own; `TemporaryFolders.make()`
/// makes a fresh folder inside it, and the whole root goes when the case ends. Called outside
/// such a test, `make()` throws, so a forgotten trait fails the test rather than filling the disk:
/// a batch test alone writes 169 MB, and a machine that had run the tests for weeks without this
/// had no space left for CI.
public struct TemporaryFolders: TestTrait, SuiteTrait, TestScoping {
    @TaskLocal private static var root: URL?

    /// Every test of a suite that carries the trait gets folders of its own.
    public var isRecursive: Bool { true }

    /// Runs one test case with a root folder of its own, and removes the root afterwards.
    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("runbook-tests-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try await Self.$root.withValue(root, operation: function)
    }

    /// A fresh, empty folder, removed with the rest when the test ends.
    public static func make() throws -> URL {
        guard let root else {
            throw TestFailure(
                "TemporaryFolders.make() called outside a test that cleans up: add .temporaryFolders to the test's @Suite")
        }
        let folder = root.appendingPathComponent(UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}

extension Trait where Self == TemporaryFolders {
    /// Gives each test temporary folders, removed when it ends.
    public static var temporaryFolders: Self { TemporaryFolders() }
}
