import ArgumentParser
import RunbookKit

/// How a tenant is named on the command line: a URL, or a region and a tenant ID.
struct TenantOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "The OpenID callback or login URL a customer sent, or a SCIM Tenant URL.",
            valueName: "url"))
    var url: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The region, such as us-1; must agree with the URL when both are given.",
            valueName: "region"))
    var region: String?

    @Option(
        name: .customLong("tenant-id"),
        help: ArgumentHelp(
            "The tenant ID (a UUID); must agree with the URL when both are given.", valueName: "id"))
    var tenantID: String?

    var input: TenantInput { TenantInput(url: url, region: region, tenantID: tenantID) }
}
