/// A kind of file `runbook render` writes.
public enum RunbookFormat: String, CaseIterable, Sendable {
    /// GitHub-flavoured Markdown with a front-matter block: `runbook.md`.
    case markdown = "md"
    /// One self-contained HTML page: `runbook.html`.
    case html
    /// A mail draft, plain text and HTML: `runbook.eml`.
    case eml

    /// The file name inside the tenant's folder.
    public var fileName: String { "runbook.\(rawValue)" }

    /// Parses a comma-separated list such as `md,html`, keeping the order given and dropping repeats.
    public static func list(from text: String) throws(RunbookError) -> [RunbookFormat] {
        var formats: [RunbookFormat] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = name.trimmingPasteWhitespace().asciiLowercased()
            guard let format = RunbookFormat(rawValue: trimmed == "markdown" ? "md" : trimmed) else {
                throw RunbookError(
                    .unknownFormat,
                    "\(trimmed.quotedForMessage()) is not a format runbook writes. "
                        + "Use a comma-separated list of \(allCases.map(\.rawValue).joined(separator: ", ")), such as md,html.")
            }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats
    }
}
