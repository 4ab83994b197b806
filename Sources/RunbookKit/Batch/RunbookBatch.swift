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
        let summary = try process(
            list, workers: workers, summary: Summary(manifest: manifest.url),
            render: { row, tenant throws(RunbookError) in
                try render(tenant, customer: row.values[.customer], email: row.values[.email])
            },
            record: { row throws(RunbookError) in try manifest.append(row) },
            onEvent: onEvent)
        try manifest.finish(summary: summary)
        return summary
    }

    /// The loop every batch shares: validates each row in order, renders the valid ones here with
    /// `render` or on `workers`, and reports each row's outcome through `record` and `onEvent`,
    /// in row order.
    func process(
        _ list: TenantList, workers: BatchWorkers?, summary: Summary,
        render: (TenantRow, TenantURL) throws(RunbookError) -> [WrittenFile],
        record: (ManifestRow) throws(RunbookError) -> Void,
        onEvent: (Event) -> Void
    ) throws(RunbookError) -> Summary {
        var summary = summary
        var seen = SeenTenants()
        // Rows wait here in order until their outcome is known; only rows in flight are held.
        var waiting: [(row: TenantRow, tenant: TenantURL?, outcome: RowOutcome?)] = []
        var pool: WorkerPool?
        let window = (workers?.count ?? 1) * 32

        func renderHere(_ row: TenantRow, _ tenant: TenantURL) -> RowOutcome {
            do throws(RunbookError) { return .written(try render(row, tenant)) } catch { return .failed(error) }
        }

        func flush() throws(RunbookError) {
            while let first = waiting.first, let outcome = first.outcome {
                waiting.removeFirst()
                switch outcome {
                case .written(let files):
                    summary.written += 1
                    try record(ManifestRow(row: first.row, tenant: first.tenant!, files: files))
                    onEvent(
                        .written(
                            first.row, tenant: first.tenant!, files: files.map { writer.output.appendingPathComponent($0.path) }))
                case .failed(let error) where error.code == .cannotWrite && pool == nil:
                    throw error
                case .failed(let error):
                    summary.failed += 1
                    try record(ManifestRow(row: first.row, error: error, tenant: first.tenant))
                    onEvent(.failed(first.row, error, tenant: first.tenant))
                }
            }
        }

        func settle(_ outcome: BatchWorkers.Outcome) {
            guard let index = waiting.firstIndex(where: { $0.row.number == outcome.row }) else { return }
            waiting[index].outcome =
                outcome.error.map { .failed(RunbookError(RunbookError.Code(rawValue: $0), outcome.message ?? "")) }
                ?? .written(outcome.files ?? [])
        }

        try list.forEachRow { (row: TenantRow) throws(RunbookError) in
            summary.rows += 1
            let validation = Result { () throws(RowFailure) in try validate(row, seen: &seen) }
            switch validation {
            case .failure(let failure):
                waiting.append((row, failure.tenant, .failed(failure.error)))
            case .success(let job):
                waiting.append((row, job.tenant, nil))
                if pool == nil, let workers, workers.count > 1, waiting.count > 16 {
                    pool = try WorkerPool(workers)
                    for pending in waiting where pending.outcome == nil {
                        pool!.submit(Self.job(for: pending.row, pending.tenant!))
                    }
                } else if let pool {
                    pool.submit(Self.job(for: row, job.tenant))
                    while pool.inFlight >= window { settle(pool.next()) }
                } else if workers == nil || (workers?.count ?? 1) <= 1 {
                    waiting[waiting.count - 1].outcome = renderHere(row, job.tenant)
                }
            }
            try flush()
        }
        if let pool {
            while waiting.contains(where: { $0.outcome == nil }) { settle(pool.next()) }
            pool.finish()
        } else {
            // A short list never started the workers: render what is left here.
            for index in waiting.indices where waiting[index].outcome == nil {
                waiting[index].outcome = renderHere(waiting[index].row, waiting[index].tenant!)
            }
        }
        try flush()
        return summary
    }

    /// A file a row wrote: its path under the output folder and, for the manifest, its
    /// `sha256:…` digest.
    struct WrittenFile: Codable {
        var path: String
        var digest: String?
    }

    /// What became of a row.
    enum RowOutcome {
        case written([WrittenFile])
        case failed(RunbookError)
    }

    /// The tenants of the rows so far, in 24 bytes each, so a long list's memory stays flat.
    struct SeenTenants {
        private struct Key: Hashable { var high: UInt64, low: UInt64 }
        private var places: [Key: Int32] = [:]

        private static func key(_ tenant: TenantID) -> Key {
            let hex = tenant.rawValue.utf8.filter { $0 != UInt8(ascii: "-") }
            let digits = String(decoding: hex, as: UTF8.self)
            return Key(high: UInt64(digits.prefix(16), radix: 16) ?? 0, low: UInt64(digits.suffix(16), radix: 16) ?? 0)
        }

        /// Where `tenant` was first seen, written as `row` writes its own place.
        func place(of tenant: TenantID, in row: TenantRow) -> String? {
            places[Self.key(tenant)].map { row.line == nil ? "item \($0)" : "line \($0)" }
        }

        mutating func insert(_ tenant: TenantID, at row: TenantRow) {
            places[Self.key(tenant)] = Int32(clamping: row.line ?? row.number)
        }
    }

    struct RowFailure: Error {
        var error: RunbookError
        var tenant: TenantURL?
    }

    /// Checks a row as one process would, in row order: its problem, its tenant, its address,
    /// its customer's fitness for a mail header, and whether its tenant came before.
    func validate(_ row: TenantRow, seen: inout SeenTenants) throws(RowFailure) -> (tenant: TenantURL, Void) {
        var tenant: TenantURL?
        do throws(RunbookError) {
            if let problem = row.problem { throw problem }
            guard !row.input.isEmpty else {
                throw RunbookError(.notAURL, "the row names no tenant. Give a callback_url, or a region and a tenant_id.")
            }
            tenant = try TenantURL(row.input, regions: regions)
            _ = try EmailEnvelope(
                from: nil, to: row.values[.email].map { [$0] } ?? [],
                customer: formats.contains(.eml) ? row.values[.customer] : nil)
            if let first = seen.place(of: tenant!.tenantID, in: row) {
                throw RunbookError(
                    .duplicateTenant,
                    "tenant \(tenant!.tenantID) is already on \(first); a tenant appears "
                        + "once in a list. Remove one of the two rows.")
            }
            seen.insert(tenant!.tenantID, at: row)
            return (tenant!, ())
        } catch {
            throw RowFailure(error: error, tenant: tenant)
        }
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
