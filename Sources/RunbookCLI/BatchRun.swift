import ArgumentParser
import Foundation
import RunbookKit

/// `runbook render --tenants FILE`: a runbook for every row, with progress and a manifest.
struct BatchRun {
    let command: RenderCommand
    let list: String?

    /// The batch as this process and its workers see it, and the set-up the workers repeat.
    private func batch() throws(RunbookError) -> (batch: RunbookBatch, setup: RunbookSetup) {
        let formats = try RunbookFormat.list(from: command.format)
        let setup = try command.templates.setup(quietly: list == nil)
        let writer = RunbookWriter(output: URL(fileURLWithPath: command.output, isDirectory: true))
        let sender = try command.from.map { address throws(RunbookError) in try EmailAddress(address) }
        let batch = RunbookBatch(
            renderer: try setup.renderer(), regions: setup.regions, writer: writer, formats: formats, sender: sender)
        return (batch, setup)
    }

    /// The workers: this same executable, with the same options.
    private func workers(for batch: RunbookBatch, setup: RunbookSetup) -> BatchWorkers {
        var arguments =
            ["render", "--batch-worker", "--format", command.format, "--output", command.output] + setup.workerArguments
        if let from = command.from { arguments += ["--from", from] }
        return .thisExecutable(arguments, count: command.workers.jobs, date: batch.renderer.date)
    }

    /// `--batch-worker`: render the jobs the parent sends on standard input.
    func serve() throws {
        try Diagnostics.reporting { () throws(RunbookError) in
            try batch().batch.serveWorker(input: .standardInput, output: .standardOutput)
        }
    }

    func run() throws {
        let (batch, tenantList, workers) = try Diagnostics.reporting {
            () throws(RunbookError) -> (RunbookBatch, TenantList, BatchWorkers) in
            let (prepared, setup) = try self.batch()
            let tenantList = try TenantList(contentsOf: URL(fileURLWithPath: list ?? ""))
            return (prepared, tenantList, self.workers(for: prepared, setup: setup))
        }
        if !command.quiet {
            tenantList.notes.forEach { Diagnostics.printNote($0) }
        }
        let bar =
            !command.quiet && ProgressBar.isAvailable
            ? try Diagnostics.reporting { () throws(RunbookError) in ProgressBar(total: try tenantList.count()) } : nil
        let say = { (line: String) in
            if let bar { bar.print(line) } else { Diagnostics.printError(line) }
        }
        let summary = try Diagnostics.reporting { () throws(RunbookError) -> RunbookBatch.Summary in
            defer { bar?.finish() }
            return try batch.run(tenantList, workers: workers) { event in
                switch event {
                case .failed(let row, let error, let tenant):
                    let which = tenant.map { " (tenant \($0.tenantID))" } ?? ""
                    if !command.quiet { say("\(row.place)\(which): error[\(error.code)]: \(error.message)") }
                case .written(let row, _, let files):
                    if command.verbose {
                        say("\(row.place): wrote " + files.map(\.relativePath).joined(separator: ", "))
                    }
                }
                bar?.advance()
            }
        }
        if !command.quiet {
            Diagnostics.printError(
                "wrote \(summary.written) of \(summary.rows) runbooks to \(command.output)"
                    + (summary.failed > 0 ? "; \(summary.failed) failed, see above and the manifest" : ""))
        }
        print(summary.manifest.relativePath)
        if summary.failed > 0 { throw ExitCode.failure }
    }
}
