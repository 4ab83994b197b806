/// The checks of `runbook verify`, in the order they run (DESIGN.md, "Verifying the Tenant
/// URL"). They live here, not beside the verifier, because the catalogue of Entra's messages
/// names the check that tells each message's causes apart.
public enum VerificationCheckKind: String, Sendable, Encodable, CaseIterable {
    case input
    case transport
    case testConnection = "test-connection"
    case authentication
    case groups
    case discovery
    case errorFormat = "error-format"
    // `--rehearse` only (``SCIMRehearsal``).
    case userQuery = "user-query"
    case userCreate = "user-create"
    case userRead = "user-read"
    case userUpdate = "user-update"
    case userDisable = "user-disable"
    case userDelete = "user-delete"
    case userCleanup = "user-cleanup"
    case latency

    /// The checks only `runbook verify --rehearse` runs, in order.
    public static let rehearsal: [Self] = [
        .userQuery, .userCreate, .userRead, .userUpdate, .userDisable, .userDelete, .userCleanup,
    ]

    /// Whether only `runbook verify --rehearse` runs the check.
    public var isRehearsal: Bool { Self.rehearsal.contains(self) }

    /// The name printed in the report.
    public var title: String {
        switch self {
        case .testConnection: "test connection"
        case .errorFormat: "error format"
        case .userQuery: "user query"
        case .userCreate: "user create"
        case .userRead: "user read"
        case .userUpdate: "user update"
        case .userDisable: "user disable"
        case .userDelete: "user delete"
        case .userCleanup: "user cleanup"
        default: rawValue
        }
    }
}
