/// What one runbook is about: a tenant, and the customer it is prepared for.
public struct Runbook: Hashable, Sendable {
    /// The tenant whose Tenant URL the runbook hands over.
    public var tenant: TenantURL
    /// The customer's name as support staff typed it, trimmed; `nil` leaves it out.
    public var customer: String?

    /// Creates a runbook subject. An empty or all-white-space customer counts as none.
    public init(tenant: TenantURL, customer: String? = nil) {
        self.tenant = tenant
        let trimmed = customer.map { String($0.trimmingPasteWhitespace()) }
        self.customer = trimmed?.isEmpty == false ? trimmed : nil
    }

}
