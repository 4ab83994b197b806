import Foundation
import RunbookKit

/// `runbook verify --rehearse EMAIL`: Entra's first provisioning cycle, replayed on one
/// throwaway user whose `userName` and work e-mail are an address the operator controls.
///
/// The user is looked up first and, if it exists, nothing is touched. Otherwise it is created,
/// read back, updated and disabled in both of the PATCH dialects Entra speaks (its default one,
/// and the RFC 7644 one a Tenant URL ending in `?aadOptscim062020` asks for), then deleted. It
/// is addressed only by the `id` the endpoint gave back, and removed on every way out. The
/// decisions live in ``StateMachine``; ``SCIMVerifier`` performs its requests.
public struct SCIMRehearsal: Sendable, Equatable {
    /// The address that becomes the user's `userName` and work e-mail.
    public let userName: String

    /// Checks the address given to `--rehearse`.
    ///
    /// - Throws: `.invalidEmailAddress` unless it is a plain address, `you@contoso.example`.
    public init(email: String) throws(RunbookError) {
        guard let address = try? EmailAddress(email), address.name == nil else {
            throw RunbookError(
                .invalidEmailAddress,
                "\(email.trimmingPasteWhitespace().quotedForMessage()) is not a plain "
                    + "e-mail address. --rehearse takes an address you control, such as you+rehearsal@contoso.example: it "
                    + "becomes the test user's userName and work e-mail.")
        }
        userName = address.address
    }

    /// The checks a rehearsal reports, in order.
    public static let checks = VerificationCheckKind.rehearsal
}
