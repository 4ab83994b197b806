/// A problem with what the user gave `runbook`: an input, a file or a template.
///
/// Every error carries a stable ``Code`` (scripts and the browser personaliser match on it) and
/// a message that says what is wrong and how to fix it. Bugs in `runbook` itself are never
/// reported through this type.
public struct RunbookError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The stable identifier of a kind of problem, printed as `error[code]`.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    /// Where in a file the problem is, for errors that point into a template or data file.
    public struct Location: Equatable, Sendable {
        /// The file's path as the user would type it.
        public var path: String
        /// One-based line number.
        public var line: Int
        /// One-based column number.
        public var column: Int

        /// Creates a location from a path and one-based line and column.
        public init(path: String, line: Int, column: Int) {
            self.path = path
            self.line = line
            self.column = column
        }
    }

    /// What kind of problem this is.
    public var code: Code
    /// One or two sentences: what is wrong, then how to fix it.
    public var message: String
    /// The file position the error refers to, if any.
    public var location: Location?

    /// Creates an error with a code, a message and an optional file position.
    public init(_ code: Code, _ message: String, at location: Location? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// The error as a compiler would print it: `path:line:column: error: message` when it points
    /// into a file, `error[code]: message` otherwise.
    public var description: String {
        if let location {
            return "\(location.path):\(location.line):\(location.column): error: \(message)"
        }
        return "error[\(code)]: \(message)"
    }
}
