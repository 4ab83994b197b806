import ArgumentParser
import Foundation
import RunbookKit
import RunbookVerify

/// `runbook verify`: replays Entra's Test Connection against a Tenant URL and diagnoses it.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Replay Entra's Test Connection against a Tenant URL, and diagnose every answer.",
        discussion: """
            The token comes from --token-file, --token-stdin or the environment variable \
            AIWARE_SCIM_TOKEN, in that order; never from a flag. It is never printed: the report \
            shows a fingerprint, sha256: and 8 hex digits.

            Without --rehearse every request is a read-only GET. Redirects are never followed, so \
            the token goes only to the Tenant URL's host.

            --rehearse EMAIL then replays Entra's first provisioning cycle with Entra's own \
            requests: it creates one user whose userName and work e-mail are EMAIL, reads, updates \
            and disables it in both of Entra's PATCH forms, and deletes it. It touches no other \
            user, stops if EMAIL already exists, and removes the user on every way out, Ctrl-C \
            included. Use an address you control: aiWARE may write to it.

            Exit status: 0 when no check fails, 1 when one does (or the test user could not be \
            removed), 2 on an input error, 130 or 143 when SIGINT or SIGTERM stopped a rehearsal \
            and its user was removed.

            Example:
              read -rs AIWARE_SCIM_TOKEN && export AIWARE_SCIM_TOKEN
              runbook verify 'https://api.us-1.veritone.com/v1/admin/scim/16f982b7-17fa-4c6c-a17b-9e7e018d42c0'
            """
    )

    @Argument(help: ArgumentHelp("The SCIM Tenant URL to check.", valueName: "scim-url"))
    var url: String

    @Option(name: .customLong("token-file"), help: ArgumentHelp("Read the token from this file.", valueName: "file"))
    var tokenFile: String?

    @Flag(name: .customLong("token-stdin"), help: "Read the token from standard input.")
    var tokenStdin = false

    @Flag(name: .long, help: "Print the report as JSON (see README.md, \"runbook verify\").")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Seconds each connection and each request may take.", valueName: "seconds"))
    var timeout: Double = 10

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Trust only the CA certificates of this PEM file, like curl --cacert.",
            valueName: "pem"))
    var cacert: String?

    @Flag(
        name: .customLong("allow-http-loopback"),
        help: "Allow plain http:// to 127.0.0.1, ::1 and localhost, for a test server on this machine.")
    var allowHTTPLoopback = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The HTTP proxy to tunnel through, such as http://proxy.example:3128; '' for none. "
                + "Default: https_proxy, HTTPS_PROXY or all_proxy, and no_proxy, as curl reads them.",
            valueName: "url"))
    var proxy: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also replay Entra's first provisioning cycle on one test user with this "
                + "userName, created and then deleted. aiWARE may write to the address.",
            valueName: "email"))
    var rehearse: String?

    @OptionGroup var templates: TemplateOptions

    func validate() throws {
        if tokenFile != nil && tokenStdin {
            throw ValidationError("Give the token one way: --token-file or --token-stdin, not both.")
        }
        guard timeout.isFinite, timeout > 0, timeout <= 600 else {
            throw ValidationError("--timeout must be a number of seconds above 0 and at most 600, such as 10.")
        }
    }

    func run() throws {
        let (endpoint, token, rehearsal, transport, regions, messages) = try Diagnostics.reporting {
            () throws(RunbookError) -> (SCIMEndpoint, SCIMToken, SCIMRehearsal?, HTTPClientTransport, RegionTable, EntraCatalogue)
            in
            let setup = try templates.setup()
            let regions = setup.regions
            let messages = try setup.catalogue()
            let endpoint = try SCIMEndpoint(url, allowHTTPLoopback: allowHTTPLoopback)
            let rehearsal = try rehearse.map { email throws(RunbookError) in try SCIMRehearsal(email: email) }
            let token = try readToken()
            let proxy = try HTTPProxy.forConnection(
                to: endpoint, option: self.proxy, environment: ProcessInfo.processInfo.environment)
            let transport = try HTTPClientTransport(
                trustRoots: cacert.map { .pemFile($0) } ?? .system, proxy: proxy,
                connectTimeout: .milliseconds(Int(timeout * 1_000)))
            return (endpoint, token, rehearsal, transport, regions, messages)
        }
        var options = SCIMVerifier.Options()
        options.timeout = .milliseconds(Int(timeout * 1_000))
        options.allowHTTPLoopback = allowHTTPLoopback
        options.proxy = transport.proxy
        let work = CancellationHandle<VerificationReport>()
        // Only a rehearsal writes, so only a rehearsal needs to outlive a signal.
        let trap = rehearsal.map { _ in SignalTrap { work.cancel() } }
        let verifier = SCIMVerifier(
            transport: transport, regions: regions, messages: messages, options: options,
            interruption: { trap?.caught })
        let report = Blocking.run {
            let report = await work.run { await verifier.verify(endpoint, token: token, rehearsal: rehearsal) }
            await transport.shutdown()
            return report
        }

        if json {
            print(report.json)
        } else {
            print(VerificationReportPrinter(colors: Terminal.supportsColor).text(for: report), terminator: "")
        }
        if report[.userCleanup]?.status == .fail { throw ExitCode.failure }
        if let status = trap?.exitStatus { throw ExitCode(status) }
        if report.verdict == .fail { throw ExitCode.failure }
    }

    /// The token from --token-file, --token-stdin or AIWARE_SCIM_TOKEN, in that order.
    private func readToken() throws(RunbookError) -> SCIMToken {
        if let tokenFile {
            return try SCIMToken.read(file: tokenFile)
        }
        if tokenStdin {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return try SCIMToken(String(decoding: data, as: UTF8.self), from: .standardInput)
        }
        let variable = SCIMToken.environmentVariable
        guard let value = ProcessInfo.processInfo.environment[variable] else {
            throw RunbookError(
                .missingToken,
                "no token was given. Set \(variable) (read -rs \(variable) && export "
                    + "\(variable)), or pass --token-file FILE or --token-stdin.")
        }
        return try SCIMToken(value, from: .environment(variable))
    }
}
