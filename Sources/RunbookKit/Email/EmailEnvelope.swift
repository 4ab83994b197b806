/// Who a runbook mail is from and to; both optional, for a draft.
public struct EmailEnvelope: Hashable, Sendable {
    /// The `From` mailbox.
    public var from: EmailAddress?
    /// The `To` mailboxes.
    public var to: [EmailAddress]

    public init(from: EmailAddress? = nil, to: [EmailAddress] = []) {
        self.from = from
        self.to = to
    }
}

extension EmailEnvelope: CustomStringConvertible {
    public var description: String {
        "from \(from?.description ?? "") to \(to.map(\.description).joined(separator: ", "))"
    }
}
