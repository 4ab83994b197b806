import Foundation

extension TemplateSet {
    /// Where the templates that ship with `runbook` are, for a binary in a build folder or an
    /// installed one.
    ///
    /// The candidates, in order: `<bin>/../share/runbook/Templates` (what `make install` lays
    /// out), then SwiftPM's resource bundle beside the executable (`swift build`, `swift test`).
    public static func shippedDirectory() throws(RunbookError) -> URL {
        let candidates = shippedDirectoryCandidates()
        if let found = candidates.first(where: {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("regions.json").path)
        }) {
            return found
        }
        throw RunbookError(
            .templatesNotFound,
            "cannot find runbook's templates; looked in "
                + candidates.map(\.path).joined(separator: ", ")
                + ". Reinstall with make install, or pass --templates with the Templates folder of the source.")
    }

    static func shippedDirectoryCandidates() -> [URL] {
        guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() else { return [] }
        let bin = executable.deletingLastPathComponent()
        return [
            bin.deletingLastPathComponent().appendingPathComponent("share/runbook/Templates", isDirectory: true),
            bin.appendingPathComponent("runbook_RunbookKit.resources/Templates", isDirectory: true),
        ]
    }
}
