/// The ID of a tenant's OpenID Connect provider in aiWARE: a UUID, kept lower-case.
///
/// The same ID names the provider in the callback URL and the tenant in the SCIM Tenant URL.
public struct TenantID: Hashable, Sendable, CustomStringConvertible {
    /// The lower-case UUID, such as `16f982b7-17fa-4c6c-a17b-9e7e018d42c0`.
    public let rawValue: String

    /// Accepts a UUID in 8-4-4-4-12 hexadecimal form, in any case; anything else is `nil`.
    public init?(_ text: some StringProtocol) {
        let groups = text.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12],
            groups.allSatisfy({ $0.allSatisfy(\.isASCIIHexDigit) })
        else { return nil }
        rawValue = String(text).asciiLowercased()
    }

    public var description: String { rawValue }

    /// The tenant of the source article's example: us-1, `16f982b7-17fa-4c6c-a17b-9e7e018d42c0`.
    public static let example = TenantID("16f982b7-17fa-4c6c-a17b-9e7e018d42c0")!
}
