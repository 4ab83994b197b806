import Foundation

/// Worker processes for a batch: cmark-gfm must parse one document at a time in a process
/// (DESIGN.md), so a batch spreads its rows over processes instead of threads.
///
/// The parent validates every row itself, in order, so errors and duplicates are found exactly
/// as in one process; a worker only renders and writes the rows it is sent. Jobs and results
/// travel as JSON lines over each worker's socket pair, its standard input and output.
public struct BatchWorkers: Sendable {
    /// The command that starts one worker: `runbook worker` and the batch's own command line.
    public var command: [String]
    /// How many workers to start.
    public var count: Int
    /// The workers' environment. It pins `SOURCE_DATE_EPOCH` to the batch's date, so a batch
    /// that runs past midnight still dates every runbook the same.
    public var environment: [String: String]

    /// Workers started with `command`, `count` of them, in `environment`.
    public init(command: [String], count: Int, environment: [String: String]) {
        self.command = command
        self.count = count
        self.environment = environment
    }

    /// A row to render, as sent to a worker.
    struct Job: Codable, Equatable {
        var row: Int
        var region: String
        var tenant: String
        var customer: String?
        var email: String?
    }

    /// What a worker did with a job.
    struct Outcome: Codable, Equatable {
        var row: Int
        /// The files written, in write order.
        var files: [RunbookBatch.WrittenFile]?
        var error: String?
        var message: String?
    }
}

extension BatchWorkers {
    /// Serves as a worker: reads jobs from `input` until it ends, hands each to `perform`, and
    /// answers each on `output`, in order.
    static func serve(input: FileHandle, output: FileHandle, perform: (Job) -> Outcome) {
        var reader = JSONLines.Reader<Job>()
        while true {
            let chunk = input.availableData
            if chunk.isEmpty { break }
            for job in reader.lines(in: chunk).compactMap({ $0 }) {
                // Writing fails when the batch that started this worker is gone (killed): stop, as
                // there is no one to answer, and the file just written is whole either way.
                do {
                    try output.write(contentsOf: JSONLines.line(for: perform(job)))
                } catch {
                    return
                }
            }
        }
    }

    /// The outcome of a job whose files were written: their paths under the output folder,
    /// with digests; or of one that failed.
    static func outcome(of job: Job, _ result: Result<[RunbookBatch.WrittenFile], RunbookError>) -> Outcome {
        switch result {
        case .success(let files): .init(row: job.row, files: files)
        case .failure(let error): .init(row: job.row, error: error.code.rawValue, message: error.message)
        }
    }
}

extension RunbookBatch {
    /// Serves as a worker of a `render --tenants` batch: renders and writes each job it is sent.
    public func serveWorker(input: FileHandle, output: FileHandle) {
        BatchWorkers.serve(input: input, output: output, perform: outcome(of:))
    }

    /// The tenant a worker was sent, which the parent has validated.
    func tenant(of job: BatchWorkers.Job) throws(RunbookError) -> TenantURL {
        guard let region = regions.region(forKey: job.region), let id = TenantID(job.tenant) else {
            throw RunbookError(.invalidTenantID, "the worker was sent a tenant it cannot read.")
        }
        return TenantURL(region: region, tenantID: id)
    }
}
