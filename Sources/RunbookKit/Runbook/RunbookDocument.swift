/// One rendered runbook file, not yet written.
public struct RunbookDocument: Hashable, Sendable {
    /// What kind of file this is.
    public let format: RunbookFormat
    /// The file's complete text.
    public let text: String

    /// The file name inside the tenant's folder, such as `runbook.md`.
    public var fileName: String { format.fileName }
}
