import Crypto
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

    let renderer: RunbookRenderer
    let regions: RegionTable
    let writer: RunbookWriter
    let formats: [RunbookFormat]
    let sender: EmailAddress?

    /// Creates a batch that writes `formats` under `writer`'s folder; `sender` is the drafts' `From`.
    public init(renderer: RunbookRenderer, regions: RegionTable, writer: RunbookWriter, formats: [RunbookFormat],
                sender: EmailAddress? = nil) {
        self.renderer = renderer
        self.regions = regions
        self.writer = writer
        self.formats = formats
        self.sender = sender
    }

    /// Renders every row of `list`, calling `onEvent` after each one.
    ///
    /// - Throws: `.invalidTenantList` when the list stops being readable, and `.cannotWrite`
    ///   when the output folder cannot be written: errors about the batch, not a row.
    public func run(_ list: TenantList, onEvent: (Event) -> Void = { _ in }) throws(RunbookError) -> Summary {
        try RunbookWriter.createFolder(writer.output)
        writer.removeLeftovers()
        var manifest = try ManifestWriter(folder: writer.output, source: list.url.lastPathComponent, formats: formats,
                                          date: renderer.date)
        var summary = Summary(manifest: manifest.url)
        var seen: [String: String] = [:]
        try list.forEachRow { (row: TenantRow) throws(RunbookError) in
            summary.rows += 1
            var tenant: TenantURL?
            switch Result(catching: { () throws(RunbookError) in try render(row, seen: &seen, tenant: &tenant) }) {
            case .success(let (tenant, files)):
                summary.written += 1
                try manifest.append(ManifestRow(row: row, tenant: tenant, files: files))
                onEvent(.written(row, tenant: tenant, files: files.map(\.url)))
            case .failure(let error) where error.code == .cannotWrite:
                throw error
            case .failure(let error):
                summary.failed += 1
                try manifest.append(ManifestRow(row: row, error: error, tenant: tenant))
                onEvent(.failed(row, error, tenant: tenant))
            }
        }
        try manifest.finish(summary: summary)
        return summary
    }

    /// Renders and writes one row; sets `derived` as soon as the row's tenant is known, so a
    /// later failure can still say which tenant it was.
    private func render(_ row: TenantRow, seen: inout [String: String],
                        tenant derived: inout TenantURL?) throws(RunbookError) -> (TenantURL, [(url: URL, data: Data)]) {
        if let problem = row.problem { throw problem }
        guard !row.input.isEmpty else {
            throw RunbookError(.notAURL, "the row names no tenant. Give a callback_url, or a region and a tenant_id.")
        }
        let tenant = try TenantURL(row.input, regions: regions)
        derived = tenant
        var envelope = EmailEnvelope(from: sender)
        if let address = row.values[.email] {
            envelope.to = [try EmailAddress(address)]
        }
        if formats.contains(.eml), let customer = row.values[.customer] {
            try EmailAddress.checkHeaderValue(customer, field: "the customer name")
        }
        if let first = seen[tenant.tenantID.rawValue] {
            throw RunbookError(.duplicateTenant, "tenant \(tenant.tenantID) is already on \(first); a tenant appears once "
                + "in a list. Remove one of the two rows.")
        }
        seen[tenant.tenantID.rawValue] = row.place
        let documents = try renderer.documents(for: Runbook(tenant: tenant, customer: row.values[.customer]),
                                               formats: formats, envelope: envelope)
        return (tenant, try writer.write(documents, for: tenant))
    }
}

/// One entry of `manifest.json`: a row and what became of it. Every key is always present.
struct ManifestRow: Encodable {
    var row: Int
    var line: Int?
    var tenant: String?
    var region: String?
    var customer: String?
    var email: String?
    var status: String
    var error: String?
    var message: String?
    /// File name to `sha256:` and the hex digest of its bytes.
    var files: [String: String]

    init(row: TenantRow, tenant: TenantURL, files: [(url: URL, data: Data)]) {
        self.init(row, status: "written")
        self.tenant = tenant.tenantID.rawValue
        region = tenant.region.key
        self.files = Dictionary(uniqueKeysWithValues: files.map { file in
            (file.url.lastPathComponent, "sha256:" + SHA256.hash(data: file.data).map { String(format: "%02x", $0) }.joined())
        })
    }

    init(row: TenantRow, error: RunbookError, tenant: TenantURL?) {
        self.init(row, status: "failed")
        self.tenant = tenant?.tenantID.rawValue
        region = tenant?.region.key
        self.error = error.code.rawValue
        message = error.message
    }

    private init(_ row: TenantRow, status: String) {
        self.row = row.number
        line = row.line
        customer = row.values[.customer]
        email = row.values[.email]
        self.status = status
        files = [:]
    }

    private enum CodingKeys: String, CodingKey {
        case row, line, tenant, region, customer, email, status, error, message, files
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(row, forKey: .row)
        try container.encode(line, forKey: .line)
        try container.encode(tenant, forKey: .tenant)
        try container.encode(region, forKey: .region)
        try container.encode(customer, forKey: .customer)
        try container.encode(email, forKey: .email)
        try container.encode(status, forKey: .status)
        try container.encode(error, forKey: .error)
        try container.encode(message, forKey: .message)
        try container.encode(files, forKey: .files)
    }
}
