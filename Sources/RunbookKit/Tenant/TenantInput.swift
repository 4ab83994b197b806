/// What the user gave to identify a tenant, exactly as typed or pasted.
///
/// Either a URL (a callback, login or SCIM URL), optionally with a region and tenant ID that
/// must agree with it, or a region and a tenant ID alone.
public struct TenantInput: Hashable, Sendable {
    /// A callback, login, provider or SCIM URL, untrimmed.
    public var url: String?
    /// A region key such as `us-1`, in any case.
    public var region: String?
    /// A tenant ID, in any case.
    public var tenantID: String?

    /// Creates an input from whatever the user gave; any part may be missing.
    public init(url: String? = nil, region: String? = nil, tenantID: String? = nil) {
        self.url = url
        self.region = region
        self.tenantID = tenantID
    }

    /// Whether the user gave nothing at all.
    public var isEmpty: Bool { url == nil && region == nil && tenantID == nil }

    /// The callback URL of the source article's example tenant.
    static let exampleCallbackURL =
        "https://api.us-1.veritone.com/v1/admin/openid/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/callback/login"

    /// The source article's example tenant (us-1, `16f982b7-17fa-4c6c-a17b-9e7e018d42c0`), which
    /// `runbook render` uses when it is given no tenant.
    public static let example = TenantInput(url: exampleCallbackURL)
}
