import Foundation
import RunbookKit

// Entra's Test Connection probe, and any list query read as Entra reads it.
extension SCIMVerifier {
    /// Entra's probe passes only on HTTP 200 with an empty SCIM ListResponse.
    func listCheck(_ kind: VerificationCheck.Kind, _ exchange: SCIMExchange, endpoint: SCIMEndpoint) -> VerificationCheck {
        let requests = [Self.record(exchange, credentials: "token")]
        let check = { (status: VerificationCheck.Status, diagnosis: String, fix: String?, entra: [EntraMessage]) in
            VerificationCheck(kind, status, diagnosis, fix: fix, entra: entra, requests: requests)
        }
        let response: SCIMResponse
        switch exchange.result {
        case .failure(let failure):
            let (diagnosis, fix) = Self.describe(failure, endpoint: endpoint, timeout: options.timeout)
            return check(.fail, diagnosis, fix, messages.noAnswer)
        case .success(let answer):
            response = answer
        }

        let status = response.status
        switch status {
        case 200:
            break
        case 300..<400:
            let location = response.header("Location").map { " to \($0.quotedForMessage(limit: 200))" } ?? ""
            return check(
                .fail,
                "HTTP \(status): the endpoint redirects\(location), and runbook does not follow "
                    + "redirects with the token",
                "Test Connection needs HTTP 200 at the Tenant URL itself. If the new "
                    + "address is the right endpoint, use it as the Tenant URL; if not, check the URL.",
                messages.testConnectionFailure(status: status))
        case 401:
            return check(
                .fail, "HTTP 401: the Secret Token was refused",
                "Generate a new token in aiWARE's Admin Center "
                    + "(Security > API Tokens) with every Admin:user permission, and paste it alone, without ‘Bearer ’.",
                messages.testConnectionFailure(status: status))
        case 403:
            return check(
                .fail,
                "HTTP 403: the token is known but may not read users, or something in front of the "
                    + "endpoint refused the request",
                "Give the token every Admin:user permission (Select All) when you "
                    + "generate it; if it has them, send this report to Veritone support.",
                messages.testConnectionFailure(status: status))
        case 404:
            return check(
                .fail, "HTTP 404: nothing answers at this URL",
                "Check the Tenant URL: it must be "
                    + "https://<API host>/v1/admin/scim/<tenant ID>, with the host and tenant ID of the callback URI in the "
                    + "Admin Center. `runbook url <callback URL>` prints it.", messages.testConnectionFailure(status: status))
        case 400 where scimType(of: response) == "invalidFilter":
            return check(
                .fail,
                "HTTP 400 invalidFilter: the endpoint does not accept Entra's filter "
                    + "‘userName eq \"…\"’",
                "The SCIM service must support the eq filter on userName (RFC 7644 §3.4.2.2); "
                    + "send this report to its owner (Veritone support).", messages.testConnectionFailure(status: status))
        case 501:
            return check(
                .fail, "HTTP 501: the endpoint does not implement this request",
                "The SCIM service must answer "
                    + "GET /Users with a filter; send this report to its owner (Veritone support).",
                messages.testConnectionFailure(status: status))
        case 500..<600:
            return check(
                .fail, "HTTP \(status): the SCIM service failed while answering",
                "Try again in a few minutes; "
                    + "if it persists, send this report to Veritone support.", messages.testConnectionFailure(status: status))
        default:
            return check(
                .fail, "HTTP \(status) where Test Connection needs 200\(Self.errorDetail(of: response))",
                "Send this report to the SCIM service's owner (Veritone support).", messages.testConnectionFailure(status: status)
            )
        }

        if response.isTruncated {
            return check(
                .fail,
                "HTTP 200, but the body goes on past \(options.bodyLimit / 1_024) KiB, far more than an "
                    + "empty list",
                "The filter is probably ignored and every user returned; send this report to Veritone "
                    + "support.", [messages[.serviceIncompatible]])
        }
        guard let body = JSONValue.parse(response.body), case .object = body else {
            let what =
                response.looksLikeHTML
                ? "an HTML page"
                : JSONValue.isTooDeep(response.body) ? "JSON nested deeper than \(JSONValue.maximumDepth) levels" : "not JSON"
            return check(
                .fail, "HTTP 200, but the body is \(what)\(Self.preview(response.body))",
                "Something other than "
                    + "the SCIM service answered, such as a proxy or a login page. Check the URL and the network path.",
                [messages[.serviceIncompatible]])
        }
        guard body.schemas.contains(Self.listResponse) else {
            return check(
                .fail,
                "HTTP 200, but the body is not a SCIM ListResponse (its schemas are "
                    + "\(body.schemas.isEmpty ? "missing" : Self.list(body.schemas)))",
                "The endpoint must answer "
                    + "with the \(Self.listResponse) schema (RFC 7644 §3.4.2).", [messages[.serviceIncompatible]])
        }
        if body["Resources"] == .null {
            return check(
                .fail, "HTTP 200, but the list says \"Resources\": null, which fails Entra's Test Connection",
                "An empty list must have \"Resources\": [] or leave it out; send this report to Veritone support.",
                [messages[.serviceIncompatible]])
        }
        let returned = body["Resources"]?.array?.count ?? 0
        guard let total = body["totalResults"]?.integer else {
            return check(
                .fail, "HTTP 200, but the list has no whole-number totalResults",
                "RFC 7644 §3.4.2 requires "
                    + "totalResults; send this report to Veritone support.", [messages[.serviceIncompatible]])
        }
        guard total == 0, returned == 0 else {
            return check(
                .fail,
                "HTTP 200, but the filter was ignored: \(max(total, returned)) resources came back for a "
                    + "name no directory holds",
                "The SCIM service must apply the filter; send this report to Veritone "
                    + "support.", [messages[.multipleEntries]])
        }
        let contentType = response.header("Content-Type") ?? "none"
        guard contentType.lowercased().hasPrefix("application/scim+json") else {
            return check(
                .warn,
                "HTTP 200, an empty ListResponse, but with Content-Type \(contentType.quotedForMessage()) "
                    + "instead of application/scim+json", "Entra accepts it; RFC 7644 §8.1 asks for application/scim+json.", [])
        }
        return check(
            .pass,
            kind == .testConnection
                ? "HTTP 200, an empty ListResponse: Entra's Test Connection will pass"
                : "HTTP 200, an empty ListResponse", nil, [])
    }
}
