import ArgumentParser
import Foundation
import RunbookKit

/// `runbook url`: the SCIM Tenant URL for a callback URL, alone on one line.
struct URLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "url",
        abstract: "Print the SCIM Tenant URL for a callback URL, or for a region and tenant ID.",
        discussion: """
            Examples:
              runbook url 'https://api.us-1.veritone.com/v1/admin/openid/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/callback/login'
              runbook url --region uk-1 --tenant-id 0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11 --json
            """
    )

    @OptionGroup var tenant: TenantOptions
    @OptionGroup var templates: TemplateOptions

    @Flag(name: .long, help: #"Print {"scim", "region", "tenant"}, or {"error", "message"} on failure."#)
    var json = false

    func run() throws {
        let result = Result { () throws(RunbookError) -> TenantURL in
            let regions = try templates.setup().regions
            guard !tenant.input.isEmpty else {
                throw RunbookError(
                    .notAURL,
                    "no tenant was given. Paste the callback URL as the argument, "
                        + "or give --region and --tenant-id.")
            }
            return try TenantURL(tenant.input, regions: regions)
        }
        if json {
            print(Self.json(for: result))
        }
        let tenantURL = try Diagnostics.reporting { () throws(RunbookError) in try result.get() }
        if !json {
            print(tenantURL.absoluteString)
        }
    }

    private static func json(for result: Result<TenantURL, RunbookError>) -> String {
        let object: [String: String] =
            switch result {
            case .success(let url): ["scim": url.absoluteString, "region": url.region.key, "tenant": url.tenantID.rawValue]
            case .failure(let error): ["error": error.code.rawValue, "message": error.message]
            }
        let encoder = JSONEncoder.runbook()
        // Encoding a [String: String] cannot fail.
        return String(decoding: try! encoder.encode(object), as: UTF8.self)
    }
}
