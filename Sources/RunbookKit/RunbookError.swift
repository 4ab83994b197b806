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

extension RunbookError.Code {
    // Deriving the SCIM Tenant URL (DESIGN.md), in the order the checks run.

    /// The input is empty or has no `://`.
    public static let notAURL = Self(rawValue: "not-a-url")
    /// The scheme is not `https`.
    public static let insecureScheme = Self(rawValue: "insecure-scheme")
    /// The authority holds a user name or password.
    public static let credentialsInURL = Self(rawValue: "credentials-in-url")
    /// The authority names a port other than 443.
    public static let unexpectedPort = Self(rawValue: "unexpected-port")
    /// The host is not in the region table.
    public static let unknownHost = Self(rawValue: "unknown-host")
    /// The URL has a query or a fragment.
    public static let queryOrFragment = Self(rawValue: "query-or-fragment")
    /// The path is not an aiWARE OpenID or SCIM path.
    public static let notOpenIDPath = Self(rawValue: "not-openid-path")
    /// The tenant segment or a given tenant ID is not a UUID.
    public static let invalidTenantID = Self(rawValue: "invalid-tenant-id")
    /// Something follows the tenant ID that is not `login` or `callback/login`.
    public static let unexpectedSuffix = Self(rawValue: "unexpected-suffix")
    /// A given region is not in the region table.
    public static let unknownRegion = Self(rawValue: "unknown-region")
    /// A given region's host differs from the URL's host.
    public static let regionMismatch = Self(rawValue: "region-mismatch")
    /// A given tenant ID differs from the URL's.
    public static let tenantMismatch = Self(rawValue: "tenant-mismatch")

    // Files and settings.

    /// A regions file cannot be read or is not a valid region table.
    public static let invalidRegions = Self(rawValue: "invalid-regions")
    /// The templates folder cannot be found or read.
    public static let templatesNotFound = Self(rawValue: "templates-not-found")
    /// A template does not parse or breaks a rule of the template set.
    public static let invalidTemplate = Self(rawValue: "invalid-template")
    /// An output format name is not one `runbook` can write.
    public static let unknownFormat = Self(rawValue: "unknown-format")
    /// `SOURCE_DATE_EPOCH` is set but is not a whole number of seconds.
    public static let invalidSourceDateEpoch = Self(rawValue: "invalid-source-date-epoch")
    /// An output file or folder cannot be written.
    public static let cannotWrite = Self(rawValue: "cannot-write")
}

extension RunbookError.Code {
    // runbook verify.

    /// No token was given, or it is empty after trimming.
    public static let missingToken = Self(rawValue: "missing-token")
    /// The token holds white space, a line break or a character a header cannot carry.
    public static let invalidToken = Self(rawValue: "invalid-token")
    /// `--cacert` cannot be read as PEM certificates.
    public static let invalidCACert = Self(rawValue: "invalid-cacert")
    /// `--timeout` is not a positive number of seconds.
    public static let invalidTimeout = Self(rawValue: "invalid-timeout")
}

extension RunbookError.Code {
    // runbook explain.

    /// No text was given, or only white space.
    public static let nothingToExplain = Self(rawValue: "nothing-to-explain")
    /// The text on standard input is longer than anything Entra shows.
    public static let textTooLong = Self(rawValue: "text-too-long")
}
