/// The SCIM Tenant URL that Microsoft Entra ID provisions users to, with the region and tenant
/// it was derived from.
///
/// Create one from what a customer sent, with every rule of DESIGN.md's "Deriving the SCIM
/// Tenant URL" applied in order:
///
/// ```swift
/// let tenant = try TenantURL(TenantInput(url: pastedCallbackURL), regions: regions)
/// print(tenant) // https://api.us-1.veritone.com/v1/admin/scim/16f982b7-…
/// ```
public struct TenantURL: Hashable, Sendable, CustomStringConvertible {
    /// Entra's flag that changes some of its PATCH requests (disabling a user, adding a
    /// single-value attribute, replacing several attributes, removing a group member) to RFC
    /// 7644's form (Learn, *Known issues and resolutions with SCIM 2.0 protocol compliance*). A
    /// Tenant URL that carries it is valid for Entra; the runbook's never does.
    public static let scimComplianceFlag = "aadOptscim062020"

    /// What the user's URL was, which tells how the Tenant URL was derived from it.
    public enum Source: String, Hashable, Sendable {
        /// The callback URI pasted into Entra for single sign-on: `…/openid/<id>/callback/login`.
        case callbackURL = "callback URL"
        /// The provider's login URL: `…/openid/<id>/login`.
        case loginURL = "login URL"
        /// The provider URL without a suffix: `…/openid/<id>`.
        case providerURL = "provider URL"
        /// Already the SCIM Tenant URL: `…/scim/<id>`.
        case tenantURL = "Tenant URL"
        /// A region and a tenant ID, no URL.
        case parts = "region and tenant ID"
    }

    /// The aiWARE environment that serves the tenant.
    public let region: Region
    /// The tenant's OpenID Connect provider ID.
    public let tenantID: TenantID
    /// What the Tenant URL was derived from.
    public let source: Source

    /// Creates a Tenant URL from a region and tenant ID that are already valid.
    public init(region: Region, tenantID: TenantID, source: Source = .parts) {
        self.region = region
        self.tenantID = tenantID
        self.source = source
    }

    /// `https://<host>/v1/admin/scim/<tenant>`, with no trailing slash: what Entra's
    /// *Tenant URL* field takes.
    public var absoluteString: String { "https://\(region.host)/v1/admin/scim/\(tenantID)" }

    /// The callback URI of the same tenant, as the Admin Center's *Copy Callback URI* gives it.
    public var callbackURL: String { "https://\(region.host)/v1/admin/openid/\(tenantID)/callback/login" }

    public var description: String { absoluteString }
}
