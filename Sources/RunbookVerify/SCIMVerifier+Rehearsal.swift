import Foundation
import RunbookKit

// Performs the requests of ``SCIMRehearsal/StateMachine``, which makes every decision.

extension SCIMVerifier {
    /// Why the rehearsal may not write yet: it runs only after the transport and test connection
    /// checks passed.
    func rehearsalSkipReason(_ run: Run) -> String? {
        let needed: [VerificationCheck.Kind] = [.transport, .testConnection]
        guard
            let unmet = needed.first(where: { kind in
                !run.checks.contains { $0.kind == kind && ($0.status == .pass || $0.status == .warn) }
            })
        else { return nil }
        return "the rehearsal writes only after the \(unmet.title) check passes"
    }

    /// Runs the rehearsal's requests until it finishes. When the task is cancelled, the request
    /// in flight is abandoned and the machine told; the removal it then asks for is shielded
    /// from the cancellation.
    func rehearse(_ rehearsal: SCIMRehearsal, _ run: inout Run) async -> [VerificationCheck] {
        var machine = SCIMRehearsal.StateMachine(
            endpoint: run.endpoint, token: run.token, userName: rehearsal.userName,
            externalID: "runbook-rehearsal-\(makeID().prefix(8))", messages: messages,
            timeout: options.timeout)
        var action = machine.start()
        while case .send(let request) = action {
            let interruptible = machine.isInterruptible
            if interruptible, Task.isCancelled, let next = machine.interrupted(by: interruption() ?? "cancellation") {
                action = next
                continue
            }
            let exchange = await run.send(request, via: self, shielded: !interruptible)
            if interruptible, Task.isCancelled, let next = machine.interrupted(by: interruption() ?? "cancellation") {
                action = next
            } else {
                action = machine.received(exchange)
            }
        }
        return machine.checks
    }
}
