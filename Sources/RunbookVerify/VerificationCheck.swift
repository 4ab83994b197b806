import RunbookKit

/// One line of a verification report: what was checked, how it went, and what to do.
public struct VerificationCheck: Sendable, Equatable, Encodable {
    /// How a check went.
    public enum Status: String, Sendable, Encodable, Comparable {
        case pass, warn, fail, skip

        public static func < (lhs: Status, rhs: Status) -> Bool {
            let order: [Status] = [.skip, .pass, .warn, .fail]
            return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
        }
    }

    /// The checks, in the order they run; the catalogue of Entra's messages names them too.
    public typealias Kind = VerificationCheckKind

    /// A request the check sent, as the report shows it.
    public struct Request: Sendable, Equatable, Encodable {
        /// `GET`, or for the rehearsal's writes `POST`, `PATCH` or `DELETE`.
        public var method = "GET"
        /// The URL, query included; never a secret.
        public var url: String
        /// Which credentials went with it: `token`, `none` or `wrong-token`.
        public var credentials: String
        /// The HTTP status, or `nil` when there was no answer.
        public var status: Int?
        /// Why there was no answer, when there was none.
        public var failure: String?
        /// Milliseconds from sending to the end of the body, to 0.1 ms.
        public var milliseconds: Double

        private enum CodingKeys: String, CodingKey { case method, url, credentials, status, failure, milliseconds }

        // Every key is always present, `null` when empty, so the document's shape never varies.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(method, forKey: .method)
            try container.encode(url, forKey: .url)
            try container.encode(credentials, forKey: .credentials)
            try container.encode(status, forKey: .status)
            try container.encode(failure, forKey: .failure)
            try container.encode(milliseconds, forKey: .milliseconds)
        }
    }

    /// Which check this is.
    public var kind: Kind
    /// How it went.
    public var status: Status
    /// One line: what was found.
    public var diagnosis: String
    /// What to do about it, when there is something to do.
    public var fix: String?
    /// For a failure, what the admin sees in Entra for the same fault, from ``EntraCatalogue``.
    public var entraMessages: [EntraMessage]
    /// ``entraMessages`` as one line of the report.
    public var entraMessage: String? { EntraMessage.sentence(for: entraMessages) }
    /// The requests behind the check.
    public var requests: [Request] = []
    /// How long the check's network work took, in milliseconds; `nil` when it sent nothing.
    public var milliseconds: Double?

    public init(
        _ kind: Kind, _ status: Status, _ diagnosis: String, fix: String? = nil, entra: [EntraMessage] = [],
        requests: [Request] = [], milliseconds: Double? = nil
    ) {
        self.kind = kind
        self.status = status
        self.diagnosis = diagnosis
        self.fix = fix
        self.entraMessages = entra
        self.requests = requests
        self.milliseconds = milliseconds ?? (requests.isEmpty ? nil : requests.map(\.milliseconds).reduce(0, +))
    }

    /// ``milliseconds`` for people: `48 ms`, `1.2 s`.
    public var formattedDuration: String? {
        milliseconds.map { Duration.format(milliseconds: $0) }
    }

    private enum CodingKeys: String, CodingKey {
        case kind = "id"
        case title, status, diagnosis, fix
        case entraMessage = "entra"
        case entraMessages, requests, milliseconds
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(kind.title, forKey: .title)
        try container.encode(status, forKey: .status)
        try container.encode(diagnosis, forKey: .diagnosis)
        try container.encode(fix, forKey: .fix)
        try container.encode(entraMessage, forKey: .entraMessage)
        try container.encode(entraMessages.map(\.id), forKey: .entraMessages)
        try container.encode(requests, forKey: .requests)
        try container.encode(milliseconds.map { ($0 * 10).rounded() / 10 }, forKey: .milliseconds)
    }
}
