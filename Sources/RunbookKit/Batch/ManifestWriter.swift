import Foundation

/// Writes `manifest.json` as a batch goes: each row's entry is appended to a temporary file at
/// once, so memory holds none of them, and the manifest is assembled and renamed into place at
/// the end.
///
/// ```json
/// {
///   "schemaVersion": 1, "generator": "runbook 0.1.0", "source": "tenants.csv",
///   "date": "2025-11-29", "formats": ["md", "html"],
///   "rows": [ {"row": 1, "line": 2, "status": "written", "files": {"runbook.md": "sha256:…"}, …} ],
///   "summary": {"rows": 1, "written": 1, "failed": 0}
/// }
/// ```
struct ManifestWriter {
    /// The version of the manifest's shape; it changes only when a field changes meaning.
    static let schemaVersion = 1

    let url: URL
    private let journal: URL
    private let handle: FileHandle
    private let header: String
    private var count = 0

    init(folder: URL, source: String, formats: [RunbookFormat], date: PublicationDate) throws(RunbookError) {
        url = folder.appendingPathComponent("manifest.json")
        journal = folder.appendingPathComponent(".manifest.rows.tmp-\(ProcessInfo.processInfo.processIdentifier)")
        let fields: [(String, String)] = [
            ("schemaVersion", "\(Self.schemaVersion)"),
            ("generator", Self.json("runbook \(RunbookRenderer.version)")),
            ("source", Self.json(source)),
            ("date", Self.json(date.description)),
            ("formats", "[" + formats.map { Self.json($0.rawValue) }.joined(separator: ", ") + "]"),
        ]
        header = "{\n" + fields.map { "  \"\($0.0)\": \($0.1),\n" }.joined() + "  \"rows\": ["
        guard FileManager.default.createFile(atPath: journal.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: journal.path)
        else {
            throw RunbookWriter.cannotWrite("write in \(folder.relativePath)", errno: errno)
        }
        self.handle = handle
    }

    mutating func append(_ row: ManifestRow) throws(RunbookError) {
        let line = (count == 0 ? "\n    " : ",\n    ") + row.json
        do {
            try handle.write(contentsOf: Data(line.utf8))
        } catch {
            throw RunbookWriter.cannotWrite(
                "write the manifest's rows in \(journal.deletingLastPathComponent().relativePath)", error: error)
        }
        count += 1
    }

    /// Removes the journal of a batch that stopped: a manifest is written whole or not at all.
    func abandon() {
        try? handle.close()
        try? FileManager.default.removeItem(at: journal)
    }

    /// Writes `manifest.json` from the rows so far and the summary, and removes the journal.
    func finish(summary: RunbookBatch.Summary) throws(RunbookError) {
        try? handle.close()
        defer { try? FileManager.default.removeItem(at: journal) }
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".manifest.json.tmp-\(ProcessInfo.processInfo.processIdentifier)")
        var renamed = false
        defer { if !renamed { unlink(temporary.path) } }
        let footer =
            (count == 0 ? "" : "\n  ") + "],\n  \"summary\": {\"failed\": \(summary.failed), \"rows\": \(summary.rows), "
            + "\"written\": \(summary.written)}\n}\n"
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(header.utf8)),
            let output = FileHandle(forWritingAtPath: temporary.path), let input = FileHandle(forReadingAtPath: journal.path)
        else {
            throw RunbookWriter.cannotWrite("write \(url.relativePath)", errno: errno)
        }
        do {
            try output.seekToEnd()
            // Copy the rows in chunks, so a long batch's manifest never sits in memory whole.
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
                try output.write(contentsOf: chunk)
            }
            try output.write(contentsOf: Data(footer.utf8))
            try output.close()
            try input.close()
        } catch {
            throw RunbookWriter.cannotWrite("write \(url.relativePath)", error: error)
        }
        guard rename(temporary.path, url.path) == 0 else {
            throw RunbookWriter.cannotWrite("write \(url.relativePath)", errno: errno)
        }
        renamed = true
    }

    private static func json(_ text: String) -> String { text.jsonQuoted }
}
