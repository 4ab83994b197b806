import Foundation
import RunbookKit

// The discovery check: what the service says it supports.
extension SCIMVerifier {
    /// `tokenRefused`: the token was refused, so a 401 or 403 here says nothing about discovery.
    func discoveryCheck(_ run: inout Run, endpoint: SCIMEndpoint, token: SCIMToken, tokenRefused: Bool) async -> VerificationCheck
    {
        var findings: [String] = []
        var missing: [String] = []
        var unchecked: [String] = []
        var requests: [VerificationCheck.Request] = []
        for resource in ["ServiceProviderConfig", "Schemas", "ResourceTypes"] {
            let exchange = await run.send(SCIMRequest(url: endpoint.url("/" + resource), token: token), via: self)
            requests.append(Self.record(exchange, credentials: "token"))
            if tokenRefused, let status = exchange.response?.status, [401, 403].contains(status) {
                unchecked.append("/\(resource)")
                continue
            }
            guard let response = exchange.response, response.status == 200, !response.isTruncated,
                let body = JSONValue.parse(response.body)
            else {
                missing.append("/\(resource) (\(exchange.response.map { "HTTP \($0.status)" } ?? "no answer"))")
                continue
            }
            switch resource {
            case "ServiceProviderConfig":
                let features = ["filter", "patch", "bulk", "sort", "etag", "changePassword"].map { name in
                    "\(name) \(body[name]?["supported"]?.bool == true ? "yes" : "no")"
                }
                findings.append("ServiceProviderConfig: " + features.joined(separator: ", "))
                if body["filter"]?["supported"]?.bool == false {
                    missing.append("filtering, which the configuration says is unsupported though Test Connection needs it")
                }
            case "Schemas":
                findings.append("\(body["Resources"]?.array?.count ?? body.array?.count ?? 0) schemas")
            default:
                let names = (body["Resources"]?.array ?? body.array ?? []).compactMap { $0["name"]?.string }
                findings.append("resource types \(names.isEmpty ? "none" : Self.list(names))")
            }
        }
        if !unchecked.isEmpty {
            guard !findings.isEmpty || !missing.isEmpty else {
                return VerificationCheck(.discovery, .skip, "skipped: it needs a token the endpoint accepts", requests: requests)
            }
            findings.append("\(unchecked.joined(separator: " and ")) not checked, as the token was refused")
        }
        let diagnosis = findings.isEmpty ? "no discovery endpoint answered" : findings.joined(separator: "; ")
        guard missing.isEmpty else {
            return VerificationCheck(
                .discovery, .warn, diagnosis + "; missing: " + missing.joined(separator: ", "),
                fix: "Entra does not need discovery, but SCIM clients use it to learn what the "
                    + "endpoint supports (RFC 7644 §4).", requests: requests)
        }
        return VerificationCheck(.discovery, .pass, diagnosis, requests: requests)
    }
}
