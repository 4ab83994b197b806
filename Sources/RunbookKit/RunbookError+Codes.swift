/// Every error code `runbook` prints, in one place and in the order of README.md's table of
/// error codes, which a test holds to this list.
extension RunbookError.Code {
    /// Every code, in README.md's order.
    public static let all: [Self] = [
        notAURL, insecureScheme, credentialsInURL, unexpectedPort, unknownHost, queryOrFragment, notOpenIDPath,
        invalidTenantID, unexpectedSuffix, unknownRegion, regionMismatch, tenantMismatch,
        invalidRegions, templatesNotFound, invalidTemplate, unknownFormat, invalidSourceDateEpoch, cannotWrite,
        invalidEmailAddress, invalidHeaderValue,
        invalidTenantList, malformedRow, duplicateTenant,
        workerNotStarted, workerExited, workerUnreadable,
        invalidSite, brokenLink,
        missingToken, invalidToken, invalidCACert, invalidProxy,
        nothingToExplain, textTooLong,
        usage,
    ]

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

    // Mail drafts.

    /// A `--from`, `--to`, `email` or `--rehearse` value is not an e-mail address.
    public static let invalidEmailAddress = Self(rawValue: "invalid-email-address")
    /// A value bound for a mail header holds a line break or control character.
    public static let invalidHeaderValue = Self(rawValue: "invalid-header-value")

    // Lists of tenants.

    /// A tenant list cannot be used: unreadable, malformed, or without the columns it needs.
    public static let invalidTenantList = Self(rawValue: "invalid-tenant-list")
    /// A row of a tenant list cannot be read as a row: a wrong number of fields, not an object.
    public static let malformedRow = Self(rawValue: "malformed-row")
    /// A tenant appears in a list a second time.
    public static let duplicateTenant = Self(rawValue: "duplicate-tenant")

    // Worker processes of a batch.

    /// A worker process could not be started.
    public static let workerNotStarted = Self(rawValue: "worker-not-started")
    /// A worker process ended while it held the row; or every worker ended, which stops the batch.
    public static let workerExited = Self(rawValue: "worker-exited")
    /// A worker process answered with something that is not an answer to a row it held.
    public static let workerUnreadable = Self(rawValue: "worker-unreadable")

    // runbook site.

    /// The site folder or its configuration cannot be used.
    public static let invalidSite = Self(rawValue: "invalid-site")
    /// A page links to a page or an anchor the site does not have.
    public static let brokenLink = Self(rawValue: "broken-link")

    // runbook verify.

    /// No token was given, or it is empty after trimming.
    public static let missingToken = Self(rawValue: "missing-token")
    /// The token holds white space, a line break or a character a header cannot carry.
    public static let invalidToken = Self(rawValue: "invalid-token")
    /// `--cacert` cannot be read as PEM certificates.
    public static let invalidCACert = Self(rawValue: "invalid-cacert")
    /// `--proxy`, or the proxy variable `verify` would use, is not an `http://` proxy URL.
    public static let invalidProxy = Self(rawValue: "invalid-proxy")

    // runbook explain.

    /// No text was given, or only white space.
    public static let nothingToExplain = Self(rawValue: "nothing-to-explain")
    /// The text on standard input is longer than anything Entra shows.
    public static let textTooLong = Self(rawValue: "text-too-long")

    // The command line.

    /// An option or argument the command line does not accept, as ArgumentParser reports it.
    public static let usage = Self(rawValue: "usage")
}
