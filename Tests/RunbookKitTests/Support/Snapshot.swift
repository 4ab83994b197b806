import Foundation
import Testing

/// Compares text with a reviewed file under `Tests/Snapshots`.
///
/// A missing snapshot is written and the test fails, so a new file is always looked at before it
/// is committed. `RUNBOOK_UPDATE_SNAPSHOTS=1 make test` rewrites changed snapshots for review
/// with `git diff`.
func expectSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let file = Fixtures.snapshots.appendingPathComponent(name)
    let update = ProcessInfo.processInfo.environment["RUNBOOK_UPDATE_SNAPSHOTS"] == "1"
    guard let recorded = try? String(contentsOf: file, encoding: .utf8), !update else {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        if !update {
            Issue.record("recorded a new snapshot at \(file.path); review it and commit it", sourceLocation: sourceLocation)
        }
        return
    }
    guard recorded != text else { return }
    let old = recorded.split(separator: "\n", omittingEmptySubsequences: false)
    let new = text.split(separator: "\n", omittingEmptySubsequences: false)
    let line = zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
    Issue.record(
        """
        output differs from \(name) at line \(line + 1):
          snapshot: \(line < old.count ? String(old[line]) : "(end of file)")
          output:   \(line < new.count ? String(new[line]) : "(end of file)")
        Review the change, then rerun with RUNBOOK_UPDATE_SNAPSHOTS=1 to accept it.
        """, sourceLocation: sourceLocation)
}
