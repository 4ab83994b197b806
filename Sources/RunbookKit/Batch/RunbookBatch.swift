import Foundation

/// Renders a runbook for every row of a tenant list, each row on its own: a bad row is
/// reported and skipped, the others are written, and `manifest.json` records every row.
///
/// Rows stream through one at a time and only the manifest's lines are kept, on disk, so
/// memory stays flat however long the list is. Every file is written atomically, so an
/// interrupted batch leaves whole files and temporary ones that the next run removes; running
/// it again writes the same bytes.
public struct RunbookBatch: Sendable {
    /// What happened to a row, as it happens.
    public enum Event: Sendable {
        /// The row's files were written.
        case written(TenantRow, tenant: TenantURL, files: [URL])
        /// The row was skipped for this error; `tenant` when the row named one validly.
        case failed(TenantRow, RunbookError, tenant: TenantURL?)
    }

    /// The outcome of a batch.
    public struct Summary: Sendable, Equatable {
        public var rows = 0
        public var written = 0
        public var failed = 0
        /// The manifest's location.
        public var manifest: URL
    }

    /// The renderer every row goes through.
    public let renderer: RunbookRenderer
    let regions: RegionTable
    let writer: RunbookWriter
    let formats: [RunbookFormat]
    let sender: EmailAddress?

    /// Creates a batch that writes `formats` under `writer`'s folder; `sender` is the drafts' `From`.
    public init(
        renderer: RunbookRenderer, regions: RegionTable, writer: RunbookWriter, formats: [RunbookFormat],
        sender: EmailAddress? = nil
    ) {
        self.renderer = renderer
        self.regions = regions
        self.writer = writer
        self.formats = formats
        self.sender = sender
    }

    /// Renders every row of `list`, calling `onEvent` after each one, in row order.
    ///
    /// With `workers`, rows are rendered by worker processes, and the manifest and every file
    /// are the same bytes as in one process; a list of a few rows stays in this process.
    ///
    /// - Throws: `.invalidTenantList` when the list stops being readable, and `.cannotWrite`
    ///   when the output folder cannot be written: errors about the batch, not a row.
    public func run(
        _ list: TenantList, workers: BatchWorkers? = nil,
        onEvent: (Event) -> Void = { _ in }
    ) throws(RunbookError) -> Summary {
        try RunbookWriter.createFolder(writer.output)
        writer.removeLeftovers()
        var manifest = try ManifestWriter(
            folder: writer.output, source: list.url.lastPathComponent, formats: formats,
            date: renderer.date)
        do {
            let summary = try process(
                list, workers: workers, summary: Summary(manifest: manifest.url), perform: outcome(of:),
                record: { row throws(RunbookError) in try manifest.append(row) },
                onEvent: onEvent)
            try manifest.finish(summary: summary)
            return summary
        } catch {
            manifest.abandon()
            throw error
        }
    }

    /// The loop every batch shares: reads and validates each row in order, and carries out what
    /// ``StateMachine`` decides: `perform` renders a job here, `workers` render the others, and
    /// each row's outcome goes through `record` and `onEvent`, in row order.
    func process(
        _ list: TenantList, workers: BatchWorkers?, summary: Summary,
        perform: (BatchWorkers.Job) -> BatchWorkers.Outcome,
        record: (ManifestRow) throws(RunbookError) -> Void,
        onEvent: (Event) -> Void
    ) throws(RunbookError) -> Summary {
        var summary = summary
        var seen = SeenTenants()
        // The machine holds each row with its tenant, when the row named one validly, to report it.
        typealias Machine = StateMachine<(row: TenantRow, tenant: TenantURL?)>
        var machine = Machine(workers: workers?.count ?? 1)
        var pool: WorkerPool?
        defer { pool?.finish() }

        func carryOut(_ actions: [Machine.Action]) throws(RunbookError) {
            var actions = actions[...]
            while let action = actions.popFirst() {
                switch action {
                case .startWorkers:
                    guard let workers else { preconditionFailure("workers were started for a batch without any") }
                    pool = try WorkerPool(workers)
                case .send(let job, let worker):
                    pool?.send(job, toWorker: worker)
                case .renderHere(let job):
                    actions += machine.answered(perform(job))
                case .stopWorker(let worker):
                    pool?.stop(worker: worker)
                case .report(let held, .written(let files)):
                    summary.written += 1
                    // A row is written only once its tenant is known valid.
                    guard let tenant = held.tenant else { preconditionFailure("a row without a tenant was written") }
                    try record(ManifestRow(row: held.row, tenant: tenant, files: files))
                    onEvent(
                        .written(held.row, tenant: tenant, files: files.map { writer.output.appendingPathComponent($0.path) }))
                case .report(let held, .failed(let error)):
                    summary.failed += 1
                    try record(ManifestRow(row: held.row, error: error, tenant: held.tenant))
                    onEvent(.failed(held.row, error, tenant: held.tenant))
                case .stop(let error):
                    throw error
                }
            }
        }

        func awaitWorkers() throws(RunbookError) {
            guard let pool else { preconditionFailure("the batch waited for workers it never started") }
            try carryOut(machine.handle(pool.nextEvent()))
        }

        try list.forEachRow { (row: TenantRow) throws(RunbookError) in
            summary.rows += 1
            switch Result(catching: { () throws(RowFailure) in try validate(row, seen: &seen) }) {
            case .success(let tenant):
                try carryOut(machine.rowRead((row, tenant), .success(Self.job(for: row, tenant))))
            case .failure(let failure):
                try carryOut(machine.rowRead((row, failure.tenant), .failure(failure.error)))
            }
            while !machine.canTakeRow { try awaitWorkers() }
        }
        try carryOut(machine.listEnded())
        while !machine.isFinished { try awaitWorkers() }
        return summary
    }

    /// A file a row wrote: its path under the output folder and, for the manifest, its
    /// `sha256:…` digest.
    struct WrittenFile: Codable, Equatable {
        var path: String
        var digest: String?
    }

    /// What became of a row.
    enum RowOutcome: Equatable {
        case written([WrittenFile])
        case failed(RunbookError)
    }

    /// The drafts' envelope: the batch's sender, and the row's address if it has one.
    func envelope(to address: String?) throws(RunbookError) -> EmailEnvelope {
        var envelope = EmailEnvelope(from: sender)
        if let address { envelope.to = [try EmailAddress(address)] }
        return envelope
    }

    private static func job(for row: TenantRow, _ tenant: TenantURL) -> BatchWorkers.Job {
        .init(
            row: row.number, region: tenant.region.key, tenant: tenant.tenantID.rawValue,
            customer: row.values[.customer], email: row.values[.email])
    }

    /// Renders and writes a job's runbooks, as a worker or this process does.
    func outcome(of job: BatchWorkers.Job) -> BatchWorkers.Outcome {
        BatchWorkers.outcome(
            of: job,
            Result { () throws(RunbookError) in
                try render(tenant(of: job), customer: job.customer, email: job.email)
            })
    }

    /// Renders and writes a tenant's runbooks, returning their paths under the output folder
    /// and their digests.
    func render(_ tenant: TenantURL, customer: String?, email: String?) throws(RunbookError) -> [WrittenFile] {
        let documents = try renderer.documents(
            for: Runbook(tenant: tenant, customer: customer), formats: formats,
            envelope: try envelope(to: email))
        return try writer.write(documents, for: tenant).map {
            WrittenFile(path: tenant.tenantID.rawValue + "/" + $0.url.lastPathComponent, digest: "sha256:" + $0.data.sha256)
        }
    }
}
