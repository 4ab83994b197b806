import ArgumentParser
import Foundation
import RunbookKit

/// The `runbook` command: personalised runbooks for provisioning Microsoft Entra ID users into
/// Veritone aiWARE over SCIM.
public struct RunbookCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "runbook",
        abstract: "Personalised runbooks for provisioning Microsoft Entra ID users into Veritone aiWARE over SCIM.",
        discussion: """
            Paste the OpenID callback URL a customer sent, and runbook derives the SCIM Tenant URL \
            and writes a runbook their IT admin can follow step by step.

            Exit status: 0 on success, 1 when a verification fails, 2 on an input error.
            """,
        version: RunbookRenderer.version,
        subcommands: [
            URLCommand.self, RenderCommand.self, VerifyCommand.self, ExplainCommand.self, SiteCommand.self, WorkerCommand.self,
        ]
    )

    public init() {}

    /// Runs the command line, with usage errors exiting 2 like every other input error.
    ///
    /// The entry point is synchronous: only `verify` needs Swift concurrency, and it starts it
    /// itself, so the other commands do not pay for a thread pool they never use.
    public static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            Diagnostics.printError(
                "error[\(RunbookError.Code.usage)]: \(message(for: error))\n" + "See '\(helpHint(for: error))'.")
            Foundation.exit(ExitCode.inputError.rawValue)
        }
    }

    private static func helpHint(for error: any Error) -> String {
        let arguments = CommandLine.arguments.dropFirst()
        let subcommand = configuration.subcommands.first { arguments.first == $0.configuration.commandName }
        return ["runbook", subcommand?.configuration.commandName, "--help"].compactMap { $0 }.joined(separator: " ")
    }
}
