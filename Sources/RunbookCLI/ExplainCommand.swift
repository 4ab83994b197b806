import ArgumentParser
import Foundation
import RunbookKit

/// `runbook explain`: what a message Entra shows means, from the catalogue the runbook and
/// `verify` read.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain what Microsoft Entra shows: a Test Connection message, its Details line, a provisioning-log code.",
        discussion: """
            Paste the text as it came, page text and all, as the argument, or give - (or \
            nothing, from a pipe) to read it from standard input. runbook prints what each known \
            message in it means, its likely causes, the runbook verify check that tells them \
            apart, the fix and the source.

            Exit status: 0 when a known message was found, 1 when none was (the closest known \
            messages are listed), 2 on an input error.

            Examples:
              runbook explain 'Error code: SystemForCrossDomainIdentityManagementCredentialValidationUnavailable'
              pbpaste | runbook explain --json
            """
    )

    /// The most text read: a notification, a Details line or a log entry is a few kilobytes.
    static let maximumBytes = 1 << 20

    @Argument(help: ArgumentHelp("The text Entra shows, or - to read it from standard input.", valueName: "text"))
    var text: String?

    @Flag(name: .long, help: "Print the explanation as JSON (see README.md, \"runbook explain\").")
    var json = false

    @OptionGroup var templates: TemplateOptions

    func run() throws {
        let (catalogue, pasted) = try Diagnostics.reporting { () throws(RunbookError) -> (EntraCatalogue, String) in
            let catalogue = try templates.setup().catalogue()
            return (catalogue, try readText())
        }
        let explanation = catalogue.explain(pasted)
        print(json ? ExplanationPrinter.json(for: explanation) : ExplanationPrinter.text(for: explanation), terminator: "")
        if explanation.matches.isEmpty { throw ExitCode.failure }
    }

    /// The argument, or standard input for `-` or when no argument comes and input is piped.
    private func readText() throws(RunbookError) -> String {
        let pasted: String
        if let text, text != "-" {
            pasted = text
        } else if text == "-" || isatty(STDIN_FILENO) == 0 {
            let data = FileHandle.standardInput.readData(ofLength: Self.maximumBytes + 1)
            guard data.count <= Self.maximumBytes else {
                throw RunbookError(
                    .textTooLong,
                    "the text on standard input goes on past 1 MiB. Paste only what Entra shows: "
                        + "the notification, its Details line, or the log entry.")
            }
            pasted = String(decoding: data, as: UTF8.self)
        } else {
            throw RunbookError(
                .nothingToExplain,
                "no text was given. Paste what Entra shows as the argument, in single "
                    + "quotes, or pipe it in: pbpaste | runbook explain -")
        }
        guard pasted.contains(where: { !$0.isWhitespace }) else {
            throw RunbookError(
                .nothingToExplain,
                "the text is empty. Paste what Entra shows: the Test Connection "
                    + "message, its Details line, or a provisioning-log error code.")
        }
        return pasted
    }
}
