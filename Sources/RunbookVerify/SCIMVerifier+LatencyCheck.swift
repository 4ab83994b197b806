import Foundation
import RunbookKit

// The latency check: how long the answers took.
extension SCIMVerifier {
    func latencyCheck(_ exchanges: [SCIMExchange]) -> VerificationCheck {
        let answered = exchanges.filter { $0.response != nil }
        guard let slowest = answered.max(by: { $0.duration < $1.duration }) else {
            return VerificationCheck(.latency, .skip, "skipped: no request got an answer")
        }
        let sorted = answered.map(\.duration).sorted()
        let median = sorted[sorted.count / 2]
        let slow = answered.filter { $0.duration > options.slowRequest }
        let summary =
            "\(answered.count) requests, median \(median.formatted), slowest \(slowest.duration.formatted) "
            + "(\(Self.shortPath(slowest.request.url)))"
        guard slow.isEmpty else {
            return VerificationCheck(
                .latency, .warn, summary + "; \(slow.count) over \(options.slowRequest.formatted)",
                fix: "Slow answers lengthen every provisioning cycle and risk Entra's timeouts; "
                    + "check the network path, or report the delay to Veritone support.")
        }
        return VerificationCheck(.latency, .pass, summary)
    }
}
