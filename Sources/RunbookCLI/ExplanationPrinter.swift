import Foundation
import RunbookKit

/// The human and the JSON form of what `runbook explain` found.
enum ExplanationPrinter {
    static func text(for explanation: EntraExplanation) -> String {
        guard !explanation.matches.isEmpty else {
            var lines = [
                "No message of Entra's that runbook knows is in this text. It knows Test Connection's messages, "
                    + "their Details lines, provisioning-log codes and quarantine reasons."
            ]
            if !explanation.closest.isEmpty {
                lines.append("The closest known messages:")
                lines += explanation.closest.map { "  “\($0.shows)” (\(place($0)))" }
            }
            return lines.joined(separator: "\n") + "\n"
        }
        return explanation.matches.map { message in
            var lines = ["“\(message.shows)” (\(place(message)); \(message.evidence.rawValue))"]
            lines.append("  Means: \(message.meaning)")
            lines.append("  Likely causes, likeliest first:")
            lines += message.causes.enumerated().map { "    \($0.offset + 1). \($0.element)" }
            if let check = message.check {
                lines.append(
                    "  Tells them apart: runbook verify\(check.isRehearsal ? " --rehearse" : ""), its \(check.title) check")
            }
            lines.append("  Fix: \(message.fix)")
            lines.append("  How sure: \(message.evidenceNote)")
            lines.append("  Source: \(message.source.title), \(message.source.url)")
            return lines.joined(separator: "\n") + "\n"
        }.joined(separator: "\n")
    }

    static func json(for explanation: EntraExplanation) -> String {
        struct Message: Encodable {
            var id, place, shows, evidence, evidenceNote, meaning, fix: String
            var causes: [String]
            var check: String?
            var source: EntraMessage.Source
        }
        struct Document: Encodable {
            var matched: Bool
            var messages: [Message]
            var closest: [Message]
        }
        let message = { (message: EntraMessage) in
            Message(
                id: message.id, place: message.place.rawValue, shows: message.shows, evidence: message.evidence.rawValue,
                evidenceNote: message.evidenceNote, meaning: message.meaning, fix: message.fix, causes: message.causes,
                check: message.check?.rawValue, source: message.source)
        }
        let document = Document(
            matched: !explanation.matches.isEmpty, messages: explanation.matches.map(message),
            closest: explanation.closest.map(message))
        let encoder = JSONEncoder.runbook(pretty: true)
        // Strings and arrays of strings always encode.
        return String(decoding: try! encoder.encode(document), as: UTF8.self) + "\n"
    }

    /// Where the admin sees a message, for people.
    private static func place(_ message: EntraMessage) -> String {
        switch message.place {
        case .testConnection: "the Test Connection notification"
        case .details: "the notification's Details line"
        case .provisioningLogs: "Provisioning logs"
        case .quarantine: "a quarantine reason"
        }
    }
}
