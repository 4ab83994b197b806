/// One entry of `manifest.json`: a row and what became of it. Every key is always present.
struct ManifestRow {
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

    init(row: TenantRow, tenant: TenantURL, files: [RunbookBatch.WrittenFile]) {
        self.init(row, status: "written")
        self.tenant = tenant.tenantID.rawValue
        region = tenant.region.key
        self.files = Dictionary(
            uniqueKeysWithValues: files.compactMap { file in
                file.digest.map { (String(file.path.split(separator: "/").last!), $0) }
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

    /// The entry as one line of JSON with its keys sorted: the bytes `JSONEncoder` writes with
    /// `.sortedKeys` and `.withoutEscapingSlashes`, in a fraction of its time (it was a third of
    /// the work a batch does for a row besides rendering it).
    var json: String {
        func string(_ value: String?) -> String { value?.jsonLiteral ?? "null" }
        let files = self.files.keys.sorted().map { "\($0.jsonLiteral):\(self.files[$0]!.jsonLiteral)" }
        return "{\"customer\":\(string(customer)),\"email\":\(string(email)),\"error\":\(string(error)),"
            + "\"files\":{\(files.joined(separator: ","))},\"line\":\(line.map(String.init) ?? "null"),"
            + "\"message\":\(string(message)),\"region\":\(string(region)),\"row\":\(row),\"status\":\(status.jsonLiteral),"
            + "\"tenant\":\(string(tenant))}"
    }
}
