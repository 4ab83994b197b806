/// One thing Microsoft Entra shows an admin: a Test Connection headline, an error code, a
/// Details line's status, a provisioning-log code or a quarantine reason, with what it means and
/// what to do. Read from the catalogue, ``EntraCatalogue``.
public struct EntraMessage: Sendable, Hashable {
    /// Where the admin sees a message.
    public enum Place: String, Sendable, Hashable, Decodable, CaseIterable {
        /// The notification after **Test Connection**: its headline and its Error code.
        case testConnection = "test-connection"
        /// The notification's Details line, which names the HTTP status of the answer.
        case details
        /// An entry in **Provisioning logs**.
        case provisioningLogs = "provisioning-logs"
        /// The reason given for a provisioning job in quarantine.
        case quarantine
    }

    /// How sure the catalogue is of a message.
    public enum Evidence: String, Sendable, Hashable, Decodable {
        /// Microsoft Learn shows it.
        case documented
        /// Seen in the field, not on Learn.
        case observed
        /// Reasoned from what Learn shows, as ``evidenceNote`` says.
        case inferred
    }

    /// An HTTP status as a Details line names it, .NET's way: `401` is `Unauthorized`.
    public struct Status: Sendable, Hashable, Decodable {
        /// The HTTP status code.
        public var code: Int
        /// The name after `Response Status Code:`.
        public var name: String
    }

    /// Where a message is explained.
    public struct Source: Sendable, Hashable, Codable {
        /// The page's title.
        public var title: String
        /// The page's address, on learn.microsoft.com or support.veritone.com.
        public var url: String
    }

    /// The stable name of the message, such as `invalid-credentials`.
    public var id: String
    /// Where the admin sees it.
    public var place: Place
    /// The text as Entra shows it; for a Details line, `Response Status Code:` and its names.
    public var shows: String
    /// The statuses a Details line message stands for, when it names statuses.
    public var statuses: [Status]
    /// The codes a provisioning-log message stands for, when it stands for several.
    public var codes: [String]
    /// Documented, observed or inferred.
    public var evidence: Evidence
    /// One sentence: what exactly is documented, and what observed or inferred.
    public var evidenceNote: String
    /// What the message means.
    public var meaning: String
    /// The likely causes, the likeliest first.
    public var causes: [String]
    /// The `runbook verify` check that tells the causes apart, if one does.
    public var check: VerificationCheckKind?
    /// What to do.
    public var fix: String
    /// The runbook's footnotes for the message, such as `ml-ecma`; the first is ``source``.
    public var footnotes: [String]
    /// Whether ``shows`` is Entra's text word for word; `false` when it describes a message
    /// whose words Learn does not quote, such as a quarantine reason.
    public var verbatim: Bool
    /// The page the message rests on.
    public var source: Source

    /// The message as one Details line names one status: `Response Status Code: Unauthorized`.
    func naming(status code: Int) -> EntraMessage {
        var message = self
        let name = statuses.first { $0.code == code }?.name ?? String(code)
        message.shows = "Response Status Code: \(name)"
        return message
    }

    /// What a report prints for the messages of one fault: each quoted, in the order Entra shows
    /// them, marked when not documented.
    ///
    /// `“You appear to have entered invalid credentials. …”, with the Details line “Response Status
    /// Code: Unauthorized” (inferred)`
    public static func sentence(for messages: [EntraMessage]) -> String? {
        guard !messages.isEmpty else { return nil }
        return messages.enumerated().map { index, message in
            let lead =
                switch message.place {
                case .details: index == 0 ? "the Details line " : "with the Details line "
                case .provisioningLogs: "in Provisioning logs, "
                case .quarantine: "as the quarantine reason, "
                case .testConnection: ""
                }
            let mark = message.evidence == .documented ? "" : " (\(message.evidence.rawValue))"
            return message.verbatim ? "\(lead)“\(message.shows)”\(mark)" : "\(lead)\(message.shows)\(mark)"
        }.joined(separator: ", ")
    }
}
