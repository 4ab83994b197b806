import Foundation
import RunbookKit

// The input check: is the URL an aiWARE Tenant URL, and is the token sound.
extension SCIMVerifier {
    func inputCheck(_ endpoint: SCIMEndpoint, token: SCIMToken) -> VerificationCheck {
        var status = VerificationCheck.Status.pass
        var findings: [String] = []
        var fixes: [String] = []
        var entra: [EntraMessage] = []

        if regions.region(forHost: endpoint.host) != nil {
            do {
                let tenant = try TenantURL(TenantInput(url: endpoint.baseURL), regions: regions)
                if tenant.source == .tenantURL {
                    findings.append("an aiWARE Tenant URL: region \(tenant.region.key), tenant \(tenant.tenantID)")
                } else {
                    status = .fail
                    findings.append("this is the OpenID \(tenant.source.rawValue), not the SCIM Tenant URL")
                    fixes.append("Use the Tenant URL \(tenant.absoluteString), in Entra and here.")
                    entra = messages.testConnectionFailure(status: 404)
                }
            } catch {
                status = .fail
                findings.append("not a Tenant URL: \(error.message)")
                entra = messages.testConnectionFailure(status: 404)
            }
        } else {
            status = .warn
            findings.append(
                "\(endpoint.host) is not an aiWARE API host; checking it as a SCIM endpoint anyway, since "
                    + "Entra accepts any HTTPS URL")
            if let tenant = openIDTenant(in: endpoint.path) {
                status = .fail
                findings.append("its path is an OpenID provider's, not SCIM's")
                fixes.append(
                    "Use \(endpoint.scheme)://\(endpoint.urlHost)\(endpoint.port == (endpoint.usesTLS ? 443 : 80) ? "" : ":\(endpoint.port)")/v1/admin/scim/\(tenant), in Entra and here."
                )
                entra = messages.testConnectionFailure(status: 404)
            } else {
                fixes.append("For an on-premises aiWARE, add its host to a regions file and pass --regions.")
            }
        }

        if endpoint.hasSCIMComplianceFlag {
            findings.append(
                "with Entra's flag ?\(SCIMEndpoint.scimComplianceFlag), which changes how Entra writes some "
                    + "PATCH requests (disabling a user, adding a single-value attribute, replacing several attributes, "
                    + "removing a group member) to RFC 7644's form, currently not in provisioning on demand; Learn says this "
                    + "form will become Entra's default; aiWARE documents no need for the flag, and --rehearse tells which form "
                    + "the endpoint accepts")
        }

        if !token.warnings.isEmpty {
            status = max(status, .warn)
            fixes += token.warnings.map { $0.prefix(1).uppercased() + $0.dropFirst() }
        }
        return VerificationCheck(
            .input, status, findings.joined(separator: "; "),
            fix: fixes.isEmpty ? nil : fixes.joined(separator: " "), entra: entra)
    }

    /// The tenant ID of an OpenID callback, login or provider path, if the path is one.
    func openIDTenant(in path: String) -> TenantID? {
        guard let match = path.wholeMatch(of: /\/v1\/admin\/openid\/([0-9A-Fa-f-]{36})(?:\/login|\/callback\/login)?/) else {
            return nil
        }
        return TenantID(match.1)
    }
}
