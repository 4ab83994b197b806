import Foundation

/// Worker processes for a batch: cmark-gfm must parse one document at a time in a process
/// (DESIGN.md), so a batch spreads its rows over processes instead of threads.
///
/// The parent validates every row itself, in order, so errors and duplicates are found exactly
/// as in one process; a worker only renders and writes the rows it is sent. Jobs and results
/// travel as JSON lines over the workers' standard input and output.
public struct BatchWorkers: Sendable {
    /// The command that starts one worker: `runbook render --batch-worker …`.
    public var command: [String]
    /// How many workers to start.
    public var count: Int
    /// The workers' environment. It pins `SOURCE_DATE_EPOCH` to the batch's date, so a batch
    /// that runs past midnight still dates every runbook the same.
    public var environment: [String: String]

    public init(command: [String], count: Int, environment: [String: String]) {
        self.command = command
        self.count = count
        self.environment = environment
    }

    /// A row to render, as sent to a worker.
    struct Job: Codable {
        var row: Int
        var region: String
        var tenant: String
        var customer: String?
        var email: String?
    }

    /// What a worker did with a job.
    struct Outcome: Codable {
        var row: Int
        /// File path to `sha256:…`, in write order.
        var files: [[String]]?
        var error: String?
        var message: String?
    }
}

extension RunbookBatch {
    /// Serves as a worker: reads jobs from `input` until it ends, renders and writes each, and
    /// answers each on `output`, in order.
    public func serveWorker(input: FileHandle, output: FileHandle) throws(RunbookError) {
        let decoder = JSONDecoder()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var buffer = Data()
        while true {
            let chunk = input.availableData
            if chunk.isEmpty { break }
            buffer += chunk
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = buffer[buffer.index(after: newline)...]
                guard let job = try? decoder.decode(BatchWorkers.Job.self, from: line) else { continue }
                let outcome = perform(job)
                // An Outcome holds strings and numbers: encoding cannot fail. Writing fails when
                // the batch that started this worker is gone (killed): stop, as there is no one to
                // answer, and the file just written is whole either way.
                do {
                    try output.write(contentsOf: try! encoder.encode(outcome) + Data("\n".utf8))
                } catch {
                    return
                }
            }
        }
    }

    private func perform(_ job: BatchWorkers.Job) -> BatchWorkers.Outcome {
        do throws(RunbookError) {
            guard let region = regions.region(forKey: job.region), let id = TenantID(job.tenant) else {
                throw RunbookError(.invalidTenantID, "the worker was sent a tenant it cannot read.")
            }
            let tenant = TenantURL(region: region, tenantID: id)
            let documents = try renderer.documents(for: Runbook(tenant: tenant, customer: job.customer), formats: formats,
                                                   envelope: try envelope(to: job.email))
            let files = try writer.write(documents, for: tenant)
            return .init(row: job.row, files: files.map { [$0.url.lastPathComponent, "sha256:" + $0.data.sha256] })
        } catch {
            return .init(row: job.row, error: error.code.rawValue, message: error.message)
        }
    }
}
