import RunbookTestSupport

@testable import RunbookKit

extension DerivationVector {
    /// The vector's input, as the library takes it.
    var tenantInput: TenantInput { TenantInput(url: input.url, region: input.region, tenantID: input.tenant) }
}
