import Foundation

/// The one catalogue of what Microsoft Entra shows during provisioning set-up:
/// `Templates/entra-messages.json`. The runbook's table of Entra's messages, the "Entra shows"
/// lines of `runbook verify` and `runbook explain` all read it, so they cannot disagree.
///
/// ```swift
/// let catalogue = try templates.entraCatalogue()
/// let headline = catalogue[.invalidCredentials]
/// ```
public struct EntraCatalogue: Sendable, Hashable {
    /// A group of messages by where the admin sees them, in the runbook's order.
    public struct Place: Sendable, Hashable, Decodable {
        /// Which place.
        public var key: EntraMessage.Place
        /// The heading the runbook gives the group.
        public var title: String
    }

    /// The messages `runbook` itself refers to; loading fails when the catalogue lacks one.
    public enum Key: String, Sendable, CaseIterable {
        case invalidCredentials = "invalid-credentials"
        case credentialValidationUnavailable = "credential-validation-unavailable"
        case noAnswer = "no-answer"
        case serviceIncompatible = "service-incompatible"
        case multipleEntries = "multiple-entries"
        case duplicateTargetEntries = "duplicate-target-entries"
        case notAuthorized = "not-authorized"
        case entryConflict = "entry-conflict"
        case tooManyRequests = "too-many-requests"
        case unexpectedError = "unexpected-error"
        case unexpectedResponse = "unexpected-response"
        case invalidAnchor = "invalid-anchor"
        case noResponse = "no-response"
    }

    /// The places, in order.
    public private(set) var places: [Place]
    /// Every message, in file order.
    public private(set) var messages: [EntraMessage]

    /// Reads and checks a catalogue. `path` names the file in errors.
    public init(json: Data, path: String) throws(RunbookError) {
        struct File: Decodable {
            struct Entry: Decodable {
                var id: String
                var place: EntraMessage.Place
                var shows: String?
                var statuses: [EntraMessage.Status]?
                var codes: [String]?
                var evidence: EntraMessage.Evidence
                var evidenceNote: String
                var meaning: String
                var causes: [String]
                var check: String?
                var fix: String
                var footnotes: [String]
                var verbatim: Bool?
                var source: EntraMessage.Source
            }
            var places: [Place]
            var messages: [Entry]
        }
        let invalid = { (problem: String) in
            RunbookError(
                .invalidTemplate,
                "\(path) is not a catalogue of Entra's messages: \(problem). Compare it with "
                    + "the entra-messages.json that ships with runbook.")
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: json)
        } catch {
            throw invalid((error as? DecodingError)?.readable ?? "\(error)")
        }
        var seen: Set<String> = []
        var messages: [EntraMessage] = []
        for entry in file.messages {
            guard seen.insert(entry.id).inserted else { throw invalid("the id ‘\(entry.id)’ is used twice") }
            let statuses = entry.statuses ?? []
            let codes = entry.codes ?? []
            guard statuses.isEmpty || entry.place == .details else {
                throw invalid("‘\(entry.id)’ gives statuses, which only a message of the details place has")
            }
            // Exactly one of shows, statuses and codes says what Entra shows.
            let said = [
                entry.shows, statuses.isEmpty ? nil : "Response Status Code: " + Self.list(statuses.map(\.name)),
                codes.isEmpty ? nil : Self.list(codes),
            ].compactMap { $0 }
            guard said.count == 1, let shows = said.first else {
                throw invalid("‘\(entry.id)’ must say what Entra shows with exactly one of shows, statuses and codes")
            }
            var check: VerificationCheckKind?
            if let name = entry.check {
                guard let kind = VerificationCheckKind(rawValue: name) else {
                    throw invalid("‘\(entry.id)’ names the check ‘\(name)’, which runbook verify does not have")
                }
                check = kind
            }
            guard !entry.footnotes.isEmpty else { throw invalid("‘\(entry.id)’ cites no footnote") }
            for footnote in entry.footnotes
            where footnote.isEmpty || !footnote.utf8.allSatisfy({ $0.isASCIILowercaseLetterOrDigit || $0 == UInt8(ascii: "-") }) {
                throw invalid(
                    "‘\(entry.id)’ names the footnote ‘\(footnote)’; a footnote is lower-case letters, digits and hyphens")
            }
            guard
                entry.source.url.hasPrefix("https://learn.microsoft.com/")
                    || entry.source.url.hasPrefix("https://support.veritone.com/")
            else {
                throw invalid(
                    "‘\(entry.id)’ cites \(entry.source.url), which is neither Microsoft Learn nor Veritone's support site")
            }
            messages.append(
                EntraMessage(
                    id: entry.id, place: entry.place, shows: shows, statuses: statuses, codes: codes,
                    evidence: entry.evidence, evidenceNote: entry.evidenceNote, meaning: entry.meaning,
                    causes: entry.causes, check: check, fix: entry.fix, footnotes: entry.footnotes,
                    verbatim: entry.verbatim ?? true, source: entry.source))
        }
        if let missing = Key.allCases.first(where: { !seen.contains($0.rawValue) }) {
            throw invalid("it lacks the message ‘\(missing.rawValue)’, which runbook verify reports")
        }
        if let place = EntraMessage.Place.allCases.first(where: { key in !file.places.contains { $0.key == key } }) {
            throw invalid("it lacks a title for the place ‘\(place.rawValue)’")
        }
        places = file.places
        self.messages = messages
    }

    /// Reads the catalogue of a templates folder, its `entra-messages.json`.
    public init(templatesDirectory directory: URL) throws(RunbookError) {
        let url = directory.appendingPathComponent("entra-messages.json")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RunbookError(
                .templatesNotFound,
                "cannot read \(url.path). Copy entra-messages.json from the templates "
                    + "that ship with runbook into that folder.")
        }
        try self.init(json: data, path: url.path)
    }

    /// `A, B or C`.
    static func list(_ names: [String]) -> String {
        names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
    }

    /// A message `runbook` refers to by name.
    public subscript(key: Key) -> EntraMessage {
        guard let message = messages.first(where: { $0.id == key.rawValue }) else {
            preconditionFailure("the catalogue was checked for \(key.rawValue) when it was loaded")
        }
        return message
    }

    /// The message of the Details line for an HTTP status, naming that status; `nil` for a status
    /// the catalogue does not explain. Any 5xx without a message of its own takes the one for 500.
    public func detailsLine(forStatus code: Int) -> EntraMessage? {
        let details = messages.filter { $0.place == .details }
        if let message = details.first(where: { $0.statuses.contains { $0.code == code } }) {
            return message.naming(status: code)
        }
        guard (500..<600).contains(code),
            let serverError = details.first(where: { $0.statuses.contains { $0.code == 500 } })
        else { return nil }
        return serverError.naming(status: code)
    }

    /// What Entra shows when Test Connection's request gets this HTTP status: the headline, and
    /// the Details line when the catalogue explains the status.
    public func testConnectionFailure(status code: Int) -> [EntraMessage] {
        [self[.invalidCredentials]] + [detailsLine(forStatus: code)].compactMap { $0 }
    }

    /// What Entra shows when its request gets no HTTP answer (observed): the error code, and the
    /// Details line's words for a request that could not be sent.
    public var noAnswer: [EntraMessage] {
        [self[.credentialValidationUnavailable], self[.noAnswer]]
    }

    /// What Provisioning logs show when one of Entra's provisioning requests gets this HTTP
    /// status. The codes are Learn's; which status gives which code is inferred from their names.
    public func provisioningFailure(status code: Int) -> [EntraMessage] {
        let key: Key =
            switch code {
            case 401, 403, 405: .notAuthorized
            case 404: .invalidAnchor
            case 409: .entryConflict
            case 429: .tooManyRequests
            case 500, 502..<600: .unexpectedError
            default: .unexpectedResponse
            }
        return [self[key]]
    }

    /// What Provisioning logs show when one of Entra's provisioning requests gets no answer.
    public var provisioningNoAnswer: [EntraMessage] { [self[.noResponse]] }

    /// The messages in one place, in file order.
    public func messages(in place: EntraMessage.Place) -> [EntraMessage] {
        messages.filter { $0.place == place }
    }
}
