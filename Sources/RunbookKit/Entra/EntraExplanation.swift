/// What the catalogue of Entra's messages makes of text pasted from Entra: the messages found in
/// it, in the order Entra shows them, or, when none is, the known messages closest to it.
///
/// ```swift
/// let explanation = catalogue.explain(pastedText)
/// for message in explanation.matches { print(message.meaning) }
/// ```
public struct EntraExplanation: Sendable, Equatable {
    /// The messages found in the text: the notification's headline and error code, its Details
    /// line, provisioning-log codes, quarantine reasons.
    public var matches: [EntraMessage]
    /// When nothing matched, up to three known messages that look most like the text, closest
    /// first; empty when something matched.
    public var closest: [EntraMessage]
}
