/// What one runbook is about: a tenant, and the customer it is prepared for.
public struct Runbook: Hashable, Sendable {
    /// The tenant whose Tenant URL the runbook hands over.
    public var tenant: TenantURL
    /// The customer's name as support staff typed it, trimmed; `nil` leaves it out.
    public var customer: String?

    /// Creates a runbook subject. The customer's name loses line breaks, control characters and
    /// surrounding white space; an empty name counts as none.
    public init(tenant: TenantURL, customer: String? = nil) {
        self.tenant = tenant
        let cleaned = customer.map { String($0.sanitizedForTemplates.trimmingPasteWhitespace()) }
        self.customer = cleaned?.isEmpty == false ? cleaned : nil
    }

}
