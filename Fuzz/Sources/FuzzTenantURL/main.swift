import FuzzSupport
import RunbookKit

// The derivation rules of DESIGN.md on any text: a URL alone, a region and a tenant ID, or all
// three. Whatever comes in, the answer is a Tenant URL that derives to itself, or an error with
// a derivation code and a message that is safe to print.

private let derivationCodes: Set<RunbookError.Code> = [
    .notAURL, .insecureScheme, .credentialsInURL, .unexpectedPort, .unknownHost, .queryOrFragment,
    .notOpenIDPath, .invalidTenantID, .unexpectedSuffix, .unknownRegion, .regionMismatch, .tenantMismatch,
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTenantURL(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = FuzzInput(start, count)
    let fields = input.fields(3).map { String(decoding: $0, as: UTF8.self) }
    let tenantInput =
        switch input.selector % 3 {
        case 0: TenantInput(url: input.text)
        case 1: TenantInput(region: fields[0], tenantID: fields[1])
        default: TenantInput(url: fields[0], region: fields[1], tenantID: fields[2])
        }
    do {
        let tenant = try TenantURL(tenantInput, regions: Shipped.regions)
        let url = tenant.absoluteString
        Oracle.require(
            url.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) }, "a Tenant URL that is not printable ASCII: \(url)"
        )
        for again in [url, tenant.callbackURL, "<\(url)>"] {
            let derived = try? TenantURL(TenantInput(url: again), regions: Shipped.regions)
            Oracle.require(derived?.absoluteString == url, "\(again) does not derive back to \(url)")
        }
        let parts = try? TenantURL(
            TenantInput(region: tenant.region.key, tenantID: tenant.tenantID.description), regions: Shipped.regions)
        Oracle.require(parts?.absoluteString == url, "the region and tenant of \(url) do not derive back to it")
    } catch {
        Oracle.require(derivationCodes.contains(error.code), "an error outside the derivation rules: \(error)")
        Oracle.require(
            !error.message.isEmpty && Oracle.isTerminalSafe(error.message), "an unsafe message: \(error.message.debugDescription)"
        )
    }
    return 0
}
