import ArgumentParser

/// A command whose `--tenants` batch spreads its rows over worker processes.
protocol BatchWorkerCommand: ParsableCommand {
    /// The batch's list of tenants, `--tenants`; a command without one has no workers.
    var tenants: String? { get }

    /// Serves as one of the batch's workers: renders the jobs sent on standard input, answering
    /// each on standard output.
    func serveAsWorker() throws
}

/// `runbook worker COMMAND…` (hidden): one worker process of a `render --tenants` or
/// `site --tenants` batch.
///
/// A batch starts its workers with its own command line after `worker`, so a worker reads every
/// option through the same option groups as its batch, and no command line is rebuilt by hand.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Serve as a worker process of a --tenants batch (started by the batch itself).",
        shouldDisplay: false
    )

    @Argument(parsing: .captureForPassthrough, help: "The batch's command line.")
    var batch: [String] = []

    func run() throws {
        guard let command = try RunbookCommand.parseAsRoot(batch) as? any BatchWorkerCommand, command.tenants != nil else {
            throw ValidationError("worker serves a batch: give it the batch's command line, such as 'render --tenants FILE'.")
        }
        try command.serveAsWorker()
    }
}
