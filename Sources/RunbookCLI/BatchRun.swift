import ArgumentParser
import Foundation
import RunbookKit

/// `runbook render --tenants FILE`: a runbook for every row, with progress and a manifest.
struct BatchRun {
    let command: RenderCommand
    let list: String

    /// The batch as this process and its workers see it; a worker says nothing its batch has said.
    private func batch(quietly: Bool = false) throws(RunbookError) -> RunbookBatch {
        let formats = try RunbookFormat.list(from: command.format)
        let setup = try command.templates.setup(quietly: quietly)
        let writer = RunbookWriter(output: URL(fileURLWithPath: command.output, isDirectory: true))
        let sender = try command.from.map { address throws(RunbookError) in try EmailAddress(address) }
        return RunbookBatch(
            renderer: try setup.renderer(), regions: setup.regions, writer: writer, formats: formats, sender: sender)
    }

    /// As a worker: renders the jobs the batch sends on standard input.
    func serve() throws {
        try Diagnostics.reporting { () throws(RunbookError) in
            try batch(quietly: true).serveWorker(input: .standardInput, output: .standardOutput)
        }
    }

    func run() throws {
        let (batch, tenantList) = try Diagnostics.reporting { () throws(RunbookError) -> (RunbookBatch, TenantList) in
            (try self.batch(), try TenantList(contentsOf: URL(fileURLWithPath: list)))
        }
        let workers = BatchWorkers.thisExecutable(count: command.workers.jobs, date: batch.renderer.date)
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
