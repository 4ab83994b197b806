import Foundation
import RunbookKit

// The groups check: Entra's group probe.
extension SCIMVerifier {
    func groupsCheck(_ exchange: SCIMExchange, endpoint: SCIMEndpoint) -> VerificationCheck {
        let mappingOff =
            "Turn the groups mapping off in Entra: Mappings (in the newer experience, Attribute mapping) > "
            + "Provision Microsoft Entra ID Groups > Enabled: No."
        if let status = exchange.response?.status, [404, 405, 501].contains(status) {
            return VerificationCheck(
                .groups, .warn, "HTTP \(status): the endpoint serves no groups", fix: mappingOff,
                requests: [Self.record(exchange, credentials: "token")])
        }
        var check = listCheck(.groups, exchange, endpoint: endpoint)
        if check.status == .pass {
            check.diagnosis = "HTTP 200, an empty ListResponse to Entra's group probe"
        } else if check.status == .fail {
            // aiWARE documents no groups endpoint: a failing group probe is a reason to turn the mapping off.
            check.status = .warn
            check.fix = [check.fix, mappingOff].compactMap { $0 }.joined(separator: " ")
            check.entraMessages = []
        }
        return check
    }
}
