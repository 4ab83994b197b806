import CSV
import Foundation

/// A file of tenants to render, CSV or JSON, read row by row.
///
/// CSV has a header row naming its columns: `callback_url`, or `region` and `tenant_id`, and
/// optionally `customer` and `email`; a byte-order mark and RFC 4180 quoting (commas and line
/// breaks inside quotes) are fine. JSON is an array of objects with the same keys. Other
/// columns are ignored, and said to be.
public struct TenantList: Sendable {
    /// The file's kind, from its extension.
    public enum Format: String, Sendable {
        case csv, json
    }

    /// The file.
    public let url: URL
    /// CSV or JSON.
    public let format: Format
    /// Things to tell the user about the file, such as columns it ignores.
    public private(set) var notes: [String] = []
    private let columns: [Int: TenantRow.Column]
    private let headerCount: Int

    /// Opens the file and reads its header (CSV) or checks its shape (JSON).
    ///
    /// - Throws: `.invalidTenantList` when the file cannot be used at all: unreadable, not CSV
    ///   or JSON, no usable columns, not UTF-8, not a JSON array of objects.
    public init(contentsOf url: URL) throws(RunbookError) {
        self.url = url
        switch url.pathExtension.lowercased() {
        case "csv": format = .csv
        case "json": format = .json
        default:
            throw RunbookError(
                .invalidTenantList,
                "\(url.path) is neither .csv nor .json. Give a CSV file with a header "
                    + "row, or a JSON array of objects, named so.")
        }
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw RunbookError(.invalidTenantList, "cannot read \(url.path). Check the path and its permissions.")
        }
        switch format {
        case .csv:
            let reader = try Self.csvReader(url)
            let header = (reader.headerRow ?? []).map { String($0.trimmingPasteWhitespace()).asciiLowercased() }
            var columns: [Int: TenantRow.Column] = [:]
            for (index, name) in header.enumerated() {
                if let column = TenantRow.Column(rawValue: name) {
                    guard !columns.values.contains(column) else {
                        throw RunbookError(
                            .invalidTenantList,
                            "the header of \(url.path) names \(name.quotedForMessage()) twice, on line 1. "
                                + "Keep one column of each name.")
                    }
                    columns[index] = column
                } else if !name.isEmpty {
                    notes.append("ignoring the column \(name.quotedForMessage()) of \(url.path)")
                }
            }
            self.columns = columns
            headerCount = header.count
            try Self.checkColumns(Set(columns.values), header: header, in: url)
        case .json:
            columns = [:]
            headerCount = 0
            let keys = try jsonRows().unknownKeys
            notes += keys.sorted().map { "ignoring the key \($0.quotedForMessage()) of \(url.path)" }
        }
    }

    /// The rows, in file order. A row that cannot be used carries its ``TenantRow/problem``.
    ///
    /// - Throws: `.invalidTenantList` when the file stops being readable part-way, such as
    ///   bytes that are not UTF-8; rows before that point have been returned.
    public func forEachRow(_ body: (TenantRow) throws(RunbookError) -> Void) throws(RunbookError) {
        switch format {
        case .csv: try forEachCSVRow(body)
        case .json: for row in try jsonRows().rows { try body(row) }
        }
    }

    /// How many rows the file has, for a progress bar; reads the file once more.
    public func count() throws(RunbookError) -> Int {
        var count = 0
        try forEachRow { _ in count += 1 }
        return count
    }

    // MARK: CSV

    private static func csvReader(_ url: URL) throws(RunbookError) -> CSVReader {
        guard let stream = InputStream(url: url) else {
            throw RunbookError(.invalidTenantList, "cannot open \(url.path). Check the path and its permissions.")
        }
        do {
            return try CSVReader(stream: stream, codecType: UTF8.self, hasHeaderRow: true)
        } catch {
            throw RunbookError(
                .invalidTenantList,
                "\(url.path) has no header row: it is empty. Its first line names the "
                    + "columns, such as callback_url,customer,email.")
        }
    }

    private func forEachCSVRow(_ body: (TenantRow) throws(RunbookError) -> Void) throws(RunbookError) {
        let reader = try Self.csvReader(url)
        // The library gives records, not lines: a record's line is 1 for the header plus every
        // line break consumed so far, counting those inside quoted fields.
        var line = 2 + (reader.headerRow ?? []).reduce(0) { $0 + Self.lineBreaks(in: $1) }
        var number = 0
        while let fields = reader.next() {
            try checkReadable(reader, from: line)
            let breaks = fields.reduce(0) { $0 + Self.lineBreaks(in: $1) }
            defer { line += 1 + breaks }
            if fields == [""] { continue }  // a blank line
            number += 1
            var row = TenantRow(number: number, line: line)
            if fields.count != headerCount {
                row.problem = RunbookError(
                    .malformedRow,
                    "the row has \(fields.count) \(fields.count == 1 ? "field" : "fields") "
                        + "where the header has \(headerCount). Quote a value that holds a comma; a quote that is opened and "
                        + "never closed takes in the lines after it.")
            }
            for (index, value) in fields.enumerated() {
                guard let column = columns[index] else { continue }
                let trimmed = String(value.trimmingPasteWhitespace())
                if !trimmed.isEmpty { row.values[column] = trimmed }
            }
            try body(row)
        }
        try checkReadable(reader, from: line)
    }

    /// The reader records the end of the file as `cannotReadFile`; only a decoding or stream
    /// error means the file is unreadable.
    private func checkReadable(_ reader: CSVReader, from line: Int) throws(RunbookError) {
        switch reader.error as? CSVError {
        case .unicodeDecoding?:
            throw RunbookError(
                .invalidTenantList,
                "\(url.path) holds bytes that are not UTF-8 at line \(line). "
                    + "Save it as UTF-8 text.")
        case .streamErrorHasOccurred(let error)?:
            throw RunbookError(
                .invalidTenantList,
                "\(url.path) cannot be read from line \(line) on: "
                    + "\(error.localizedDescription).")
        default:
            return
        }
    }

    private static func lineBreaks(in field: String) -> Int {
        // CR LF counts once; a lone CR or LF once each, as the CSV reader ends rows.
        var count = 0
        var previous: Unicode.Scalar?
        for scalar in field.unicodeScalars {
            if scalar == "\n", previous != "\r" { count += 1 }
            if scalar == "\r" { count += 1 }
            previous = scalar
        }
        return count
    }

    private static func checkColumns(_ columns: Set<TenantRow.Column>, header: [String], in url: URL) throws(RunbookError) {
        guard columns.contains(.callbackURL) || (columns.contains(.region) && columns.contains(.tenantID)) else {
            let semicolons = header.count == 1 && header[0].contains(";")
            throw RunbookError(
                .invalidTenantList,
                "line 1 of \(url.path) names no callback_url column, nor region and "
                    + "tenant_id (it has \(header.prefix(8).map { $0.quotedForMessage(limit: 40) }.joined(separator: ", "))\(header.count > 8 ? " and \(header.count - 8) more" : "")). "
                    + (semicolons
                        ? "The file seems to use semicolons: save it with commas between fields."
                        : "Name the columns callback_url, or region and tenant_id; customer and email may follow."))
        }
    }

    // MARK: JSON

    private func jsonRows() throws(RunbookError) -> (rows: [TenantRow], unknownKeys: Set<String>) {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
        } catch let error as DecodingError {
            throw RunbookError(
                .invalidTenantList,
                "\(url.path) is not a list of tenants: \(error.readable). Write a JSON "
                    + #"array of objects such as [{"callback_url": "https://…", "customer": "Contoso"}]."#)
        } catch {
            throw RunbookError(.invalidTenantList, "cannot read \(url.path): \(error.localizedDescription).")
        }
        guard case .array(let items) = value else {
            throw RunbookError(
                .invalidTenantList,
                "\(url.path) is not a JSON array. Write an array of objects such as "
                    + #"[{"callback_url": "https://…", "customer": "Contoso"}]."#)
        }
        var unknownKeys = Set<String>()
        let rows = items.enumerated().map { index, item in
            var row = TenantRow(number: index + 1)
            guard case .object(let object) = item else {
                row.problem = RunbookError(
                    .malformedRow,
                    "the item is not an object. Write each tenant as "
                        + #"{"callback_url": "https://…"}."#)
                return row
            }
            for (key, value) in object.sorted(by: { $0.key < $1.key }) {
                guard let column = TenantRow.Column(rawValue: key.asciiLowercased()) else {
                    unknownKeys.insert(key)
                    continue
                }
                switch value {
                case .string(let text):
                    let trimmed = String(text.trimmingPasteWhitespace())
                    if !trimmed.isEmpty { row.values[column] = trimmed }
                case .null:
                    break
                default:
                    row.problem = RunbookError(.malformedRow, "the item's \(key) is not a string. Write every value in quotes.")
                }
            }
            return row
        }
        return (rows, unknownKeys)
    }
}
