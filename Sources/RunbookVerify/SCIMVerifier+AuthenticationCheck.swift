import Foundation
import RunbookKit

// The authentication check: requests without the token, and with a wrong one.
extension SCIMVerifier {
    func authenticationCheck(_ run: inout Run, endpoint: SCIMEndpoint) async -> VerificationCheck {
        let filter = [("filter", "userName eq \"\(makeID())\"")]
        // A wrong token of a plausible shape, made fresh for each run.
        let wrongToken = try? SCIMToken("runbook-wrong-token-\(makeID())", from: .standardInput)
        let bare = await run.send(SCIMRequest(url: endpoint.url("/Users", query: filter), token: nil), via: self)
        let wrong = await run.send(SCIMRequest(url: endpoint.url("/Users", query: filter), token: wrongToken), via: self)
        let requests = [Self.record(bare, credentials: "none"), Self.record(wrong, credentials: "wrong-token")]

        var accepted: [String] = []
        var answers: [String] = []
        for (exchange, what) in [(bare, "no token"), (wrong, "a wrong token")] {
            switch exchange.result {
            case .failure(let failure):
                let (diagnosis, fix) = Self.describe(failure, endpoint: endpoint, timeout: options.timeout)
                return VerificationCheck(
                    .authentication, .fail, "a request with \(what) got no answer: \(diagnosis)",
                    fix: fix, entra: messages.noAnswer, requests: requests)
            case .success(let response):
                if (200..<300).contains(response.status) { accepted.append(what) }
                answers.append("\(what) gets HTTP \(response.status)")
            }
        }
        if !accepted.isEmpty {
            return VerificationCheck(
                .authentication, .fail,
                "the endpoint answers a request with \(accepted.joined(separator: " and with ")) "
                    + "with success: anyone who can reach it can read your users, and Entra's Test Connection passes, which "
                    + "hides this",
                fix: "The SCIM endpoint must refuse requests without the right bearer token (HTTP 401). "
                    + "Report this to Veritone support at once.", requests: requests)
        }
        let refused = [bare, wrong].allSatisfy { [401, 403].contains($0.response?.status ?? 0) }
        guard refused else {
            return VerificationCheck(
                .authentication, .warn, answers.joined(separator: ", ") + ", where 401 is expected",
                fix: "A SCIM endpoint should answer a missing or wrong token with HTTP 401 (RFC 7644 §3.12).",
                requests: requests)
        }
        return VerificationCheck(
            .authentication, .pass,
            "refuses requests without the token: "
                + answers.joined(separator: ", "), requests: requests)
    }
}
