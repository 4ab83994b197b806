import Crypto
import Foundation
import RunbookTestSupport
import Testing

@testable import RunbookKit

@Suite("Tenant lists", .temporaryFolders)
struct TenantListTests {
    static func file(_ name: String, _ contents: String) throws -> URL {
        try file(name, Data(contents.utf8))
    }

    static func file(_ name: String, _ data: Data) throws -> URL {
        let url = try TemporaryFolders.make().appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    static func rows(_ list: TenantList) throws -> [TenantRow] {
        var rows: [TenantRow] = []
        try list.forEachRow { rows.append($0) }
        return rows
    }

    @Test("reads CSV with a byte-order mark, quoted commas and line breaks, blank lines, and counts lines")
    func csv() throws {
        let url = try Self.file(
            "t.csv",
            "\u{FEFF}Callback_URL , customer,email\r\n"
                + "https://api.us-1.veritone.com/v1/admin/openid/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/login,\"Acme, Inc.\",it@acme.example\r\n"
                + "\r\n"
                + "https://x,\"Two\nlines\",\r\n"
                + "https://y, Spaced ,\n")
        let list = try TenantList(contentsOf: url)
        let rows = try Self.rows(list)
        #expect(rows.map(\.line) == [2, 4, 6])
        #expect(rows.map(\.number) == [1, 2, 3])
        #expect(
            rows[0].values == [
                .callbackURL: "https://api.us-1.veritone.com/v1/admin/openid/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/login",
                .customer: "Acme, Inc.", .email: "it@acme.example",
            ])
        #expect(rows[1].values[.customer] == "Two\nlines")
        #expect(rows[2].values[.customer] == "Spaced")
        #expect(rows[2].values[.email] == nil)
        #expect(try list.count() == 3)
    }

    @Test("a row with the wrong number of fields is a bad row, not a bad file")
    func wrongFieldCount() throws {
        let url = try Self.file("t.csv", "region,tenant_id\nus-1,16f982b7-17fa-4c6c-a17b-9e7e018d42c0,extra\nuk-1\n")
        let rows = try Self.rows(try TenantList(contentsOf: url))
        #expect(rows.map { $0.problem?.code } == [.malformedRow, .malformedRow])
        #expect(rows[0].problem?.message.hasPrefix("the row has 3 fields where the header has 2") == true)
    }

    @Test("notes the columns it ignores")
    func ignoredColumns() throws {
        let list = try TenantList(contentsOf: try Self.file("t.csv", "callback_url,notes,Owner\nhttps://x,a,b\n"))
        #expect(list.notes.map { $0.prefix(28) } == ["ignoring the column ‘notes’ ", "ignoring the column ‘owner’ "])
    }

    struct BadFile: Sendable, CustomTestStringConvertible {
        var name: String
        var file: String
        var data: Data
        var mention: String
        var testDescription: String { name }
    }

    static let badFiles = [
        BadFile(name: "an empty file", file: "t.csv", data: Data(), mention: "has no header row"),
        BadFile(
            name: "no usable column", file: "t.csv", data: Data("url,name\nhttps://x,a\n".utf8),
            mention: "line 1 of"),
        BadFile(
            name: "semicolons", file: "t.csv", data: Data("callback_url;customer\nhttps://x;a\n".utf8),
            mention: "The file seems to use semicolons"),
        BadFile(
            name: "a column named twice", file: "t.csv", data: Data("callback_url,customer,Customer\n".utf8),
            mention: "names ‘customer’ twice, on line 1"),
        BadFile(
            name: "another extension", file: "t.txt", data: Data("callback_url\n".utf8), mention: "is neither .csv nor .json"),
        BadFile(
            name: "JSON that is not an array", file: "t.json", data: Data(#"{"callback_url": "x"}"#.utf8),
            mention: "is not a JSON array"),
        BadFile(
            name: "JSON that does not parse", file: "t.json", data: Data(#"[{"callback_url": }]"#.utf8),
            mention: "is not a list of tenants"),
    ]

    @Test("refuses a file it cannot use, saying where and why", arguments: badFiles)
    func badFile(_ bad: BadFile) throws {
        let url = try Self.file(bad.file, bad.data)
        let error = #expect(throws: RunbookError.self) { try TenantList(contentsOf: url) }
        #expect(error?.code == .invalidTenantList)
        #expect(error?.message.contains(bad.mention) == true, "\(error?.message ?? "")")
    }

    @Test("stops at bytes that are not UTF-8, naming the line, after the rows before it")
    func notUTF8() throws {
        var data = Data("callback_url,customer\nhttps://a,Good\nhttps://b,".utf8)
        data += [0xFF, 0xFE]
        data += Data("\n".utf8)
        let list = try TenantList(contentsOf: try Self.file("t.csv", data))
        var seen: [Int?] = []
        let error = #expect(throws: RunbookError.self) { try list.forEachRow { seen.append($0.line) } }
        #expect(error?.message.contains("holds bytes that are not UTF-8 at line 3") == true, "\(error?.message ?? "")")
        #expect(seen == [2])
    }

    @Test("reads JSON: strings and nulls, other keys noted, a bad item reported as a row")
    func json() throws {
        let url = try Self.file(
            "t.json",
            #"""
            [{"callback_url": "https://x", "customer": "Acme", "email": null, "owner": "me"},
             {"region": "uk-1", "tenant_id": 7},
             "not an object"]
            """#)
        let list = try TenantList(contentsOf: url)
        #expect(list.notes.count == 1 && list.notes[0].hasPrefix("ignoring the key ‘owner’"))
        let rows = try Self.rows(list)
        #expect(rows.map(\.place) == ["item 1", "item 2", "item 3"])
        #expect(rows[0].values == [.callbackURL: "https://x", .customer: "Acme"])
        #expect(rows[1].problem?.code == .malformedRow)
        #expect(rows[2].problem?.code == .malformedRow)
    }
}

@Suite("Batches", .temporaryFolders)
struct RunbookBatchTests {
    static let callback = "https://api.us-1.veritone.com/v1/admin/openid/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/callback/login"

    /// A CSV with every kind of bad row between good ones.
    static let mixed = """
        callback_url,region,tenant_id,customer,email
        \(callback),,,"Acme, Inc.",it@acme.example
        http://api.us-1.veritone.com/v1/admin/openid/5e0c8a44-9b1d-4f6a-8c3e-2a7b9d0e1f23/login,,,Plain HTTP,
        https://api.us-1.veritone.co/v1/admin/openid/5e0c8a44-9b1d-4f6a-8c3e-2a7b9d0e1f23/login,,,Typo host,
        ,uk-1,0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11,Contoso,ops@contoso.example
        ,eu-9,0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11,Unknown region,
        ,us-1,not-a-uuid,Bad tenant,
        https://api.us-1.veritone.com/v1/admin/openid/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/login,,,Duplicate,
        ,,,Nobody,
        ,stage.us-1,a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d,Stage,bad address
        ,dev.us-1,11111111-2222-4333-8444-555555555555,"Two
        Lines",x@y.example
        too,few
        ,dev.us-1,5e0c8a44-9b1d-4f6a-8c3e-2a7b9d0e1f23,"<script>alert(1)</script>",

        """

    func run(_ csv: String, formats: [RunbookFormat] = [.markdown, .html], into output: URL? = nil)
        throws -> (RunbookBatch.Summary, URL, [RunbookBatch.Event])
    {
        let list = try TenantList(contentsOf: try TenantListTests.file("tenants.csv", csv))
        let output = try output ?? TemporaryFolders.make().appendingPathComponent("out")
        var events: [RunbookBatch.Event] = []
        let summary = try RunbookBatch(
            renderer: Fixtures.renderer, regions: Fixtures.regions, writer: RunbookWriter(output: output),
            formats: formats
        ).run(list) { events.append($0) }
        return (summary, output, events)
    }

    func manifest(_ output: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("manifest.json"))) as? [String: Any]
            ?? [:]
    }

    @Test("renders each good row, reports and skips each bad one, and records every row in the manifest")
    func mixedRows() throws {
        let (summary, output, events) = try run(Self.mixed, formats: [.markdown, .html, .eml])
        #expect(summary.rows == 12 && summary.written == 3 && summary.failed == 9)
        let manifest = try manifest(output)
        let rows = try #require(manifest["rows"] as? [[String: Any]])
        #expect(rows.map { $0["line"] as? Int } == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14])
        #expect(
            rows.map { $0["error"] as? String ?? $0["status"] as? String } == [
                "written", "insecure-scheme", "unknown-host", "written", "unknown-region", "invalid-tenant-id",
                "duplicate-tenant",
                "not-a-url", "invalid-email-address", "invalid-header-value", "malformed-row", "written",
            ])
        #expect(rows[6]["tenant"] as? String == "16f982b7-17fa-4c6c-a17b-9e7e018d42c0")
        #expect(rows[8]["tenant"] as? String == "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d")
        #expect(manifest["summary"] as? [String: Int] == ["rows": 12, "written": 3, "failed": 9])
        #expect(manifest["formats"] as? [String] == ["md", "html", "eml"])
        #expect(
            Set(rows[0].keys) == ["row", "line", "tenant", "region", "customer", "email", "status", "error", "message", "files"])
        #expect(events.count == 12)
        let tenants = try FileManager.default.contentsOfDirectory(atPath: output.path).filter { !$0.hasPrefix("manifest") }
            .sorted()
        #expect(
            tenants == [
                "0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11", "16f982b7-17fa-4c6c-a17b-9e7e018d42c0",
                "5e0c8a44-9b1d-4f6a-8c3e-2a7b9d0e1f23",
            ])
    }

    @Test("every file's SHA-256 in the manifest is the file's")
    func hashes() throws {
        let (_, output, _) = try run(Self.mixed, formats: [.markdown, .html, .eml])
        let rows = try #require(try manifest(output)["rows"] as? [[String: Any]])
        var checked = 0
        for row in rows {
            for (name, hash) in row["files"] as? [String: String] ?? [:] {
                let data = try Data(contentsOf: output.appendingPathComponent("\(row["tenant"]!)/\(name)"))
                #expect(hash == "sha256:" + SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined())
                checked += 1
            }
        }
        #expect(checked == 9)
    }

    @Test("a rerun writes the same bytes, and removes what an interrupted run left")
    func rerun() throws {
        let (_, output, _) = try run(Self.mixed)
        let before = try Self.snapshot(output)
        let leftover = output.appendingPathComponent("16f982b7-17fa-4c6c-a17b-9e7e018d42c0/.runbook.md.tmp-99999")
        try Data("half a runb".utf8).write(to: leftover)
        try Data("[{\"row\"".utf8).write(to: output.appendingPathComponent(".manifest.rows.tmp-99999"))
        _ = try run(Self.mixed, into: output)
        #expect(try Self.snapshot(output) == before)
    }

    @Test("renders a thousand tenants, each with its own folder and manifest row")
    func thousand() throws {
        let csv =
            "region,tenant_id,customer\n" + (1...1_000).map { "us-1,\(Self.tenant($0)),Customer \($0)" }.joined(separator: "\n")
        let (summary, output, _) = try run(csv, formats: [.markdown])
        #expect(
            summary
                == RunbookBatch.Summary(
                    rows: 1_000, written: 1_000, failed: 0, manifest: output.appendingPathComponent("manifest.json")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).count == 1_001)
        #expect((try manifest(output)["rows"] as? [Any])?.count == 1_000)
    }

    static func tenant(_ number: Int) -> String {
        String(format: "%08x-0000-4000-8000-%012x", number, number)
    }

    /// Every file under a folder, with its bytes.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)!
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(
                atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if exists, !isDirectory.boolValue { files[path] = try Data(contentsOf: folder.appendingPathComponent(path)) }
        }
        return files
    }
}

@Suite("Manifest rows")
struct ManifestRowTests {
    /// The oracle: the same entry written by JSONEncoder, as the manifest used to be.
    struct EncodedRow: Encodable {
        var row: ManifestRow

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(row.row, forKey: .row)
            try container.encode(row.line, forKey: .line)
            try container.encode(row.tenant, forKey: .tenant)
            try container.encode(row.region, forKey: .region)
            try container.encode(row.customer, forKey: .customer)
            try container.encode(row.email, forKey: .email)
            try container.encode(row.status, forKey: .status)
            try container.encode(row.error, forKey: .error)
            try container.encode(row.message, forKey: .message)
            try container.encode(row.files, forKey: .files)
        }

        enum Key: String, CodingKey { case row, line, tenant, region, customer, email, status, error, message, files }
    }

    static let hostile: [String?] = [
        nil, "Acme, Inc.", String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init))),
        #"quote " backslash \ slash / </script> & [x](javascript:alert(1))"#,
        "é 𝄞 \u{7F}\u{80}\u{9F}\u{2028}\u{2029}\u{FEFF}\u{202E}", String(repeating: "\\\"", count: 500),
    ]

    @Test("writes each entry byte for byte as JSONEncoder does", arguments: hostile)
    func sameBytesAsJSONEncoder(customer: String?) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let tenant = TenantURL(
            region: Fixtures.regions.region(forKey: "us-1")!, tenantID: TenantID("16f982b7-17fa-4c6c-a17b-9e7e018d42c0")!)
        var values: [TenantRow.Column: String] = [.email: "it@acme.example"]
        values[.customer] = customer
        let written = ManifestRow(
            row: TenantRow(number: 3, line: 7, values: values), tenant: tenant,
            files: [
                .init(path: "16f982b7-17fa-4c6c-a17b-9e7e018d42c0/runbook.md", digest: "sha256:2ba2"),
                .init(path: "16f982b7-17fa-4c6c-a17b-9e7e018d42c0/runbook.html", digest: "sha256:5132"),
            ])
        let failed = ManifestRow(
            row: TenantRow(number: 4, values: values),
            error: RunbookError(.notAURL, customer ?? "no customer"), tenant: nil)
        for row in [written, failed] {
            #expect(row.json == String(decoding: try encoder.encode(EncodedRow(row: row)), as: UTF8.self))
        }
    }
}
