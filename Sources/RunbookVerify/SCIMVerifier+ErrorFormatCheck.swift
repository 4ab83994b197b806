import Foundation
import RunbookKit

// The error format check: a SCIM Error for a user that does not exist.
extension SCIMVerifier {
    func errorFormatCheck(_ exchange: SCIMExchange) -> VerificationCheck {
        let requests = [Self.record(exchange, credentials: "token")]
        guard let response = exchange.response else {
            return VerificationCheck(.errorFormat, .warn, "no answer for a user that does not exist", requests: requests)
        }
        if (200..<300).contains(response.status) {
            return VerificationCheck(
                .errorFormat, .fail,
                "HTTP \(response.status) for a user ID that cannot exist: the "
                    + "endpoint returns something for any ID",
                fix: "It must answer 404 for an unknown ID (RFC 7644 §3.4.1); "
                    + "send this report to Veritone support.", requests: requests)
        }
        let body = JSONValue.parse(response.body)
        let isSCIMError = body?.schemas.contains(Self.errorSchema) == true
        guard response.status == 404 else {
            return VerificationCheck(
                .errorFormat, .warn,
                "HTTP \(response.status) for a user that does not exist, where "
                    + "404 is expected", fix: "RFC 7644 §3.4.1 answers an unknown ID with 404.", requests: requests)
        }
        guard isSCIMError else {
            return VerificationCheck(
                .errorFormat, .warn, "HTTP 404, but the body is not a SCIM Error",
                fix: "Errors should carry the \(Self.errorSchema) schema (RFC 7644 §3.12).", requests: requests)
        }
        guard body?["status"]?.string == "404" else {
            return VerificationCheck(
                .errorFormat, .warn, "HTTP 404 with a SCIM Error whose status is not the string \"404\"",
                fix: "RFC 7644 §3.12 makes status a string.", requests: requests)
        }
        return VerificationCheck(
            .errorFormat, .pass, "HTTP 404 with a SCIM Error for a user that does not exist",
            requests: requests)
    }
}
