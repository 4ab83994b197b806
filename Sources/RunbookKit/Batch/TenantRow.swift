/// One row of a tenant list: a tenant to render, as the file gave it.
public struct TenantRow: Sendable, Equatable {
    /// The columns (CSV) or keys (JSON) a row may have.
    public enum Column: String, CaseIterable, Sendable {
        case callbackURL = "callback_url"
        case region
        case tenantID = "tenant_id"
        case customer
        case email
    }

    /// The row's number among the data rows, from 1.
    public var number: Int
    /// The line the row starts on, in a CSV file.
    public var line: Int?
    /// The values, by column; an empty cell is absent.
    public var values: [Column: String]
    /// Why the row cannot be used as it stands, such as a wrong number of fields.
    public var problem: RunbookError?

    public init(number: Int, line: Int? = nil, values: [Column: String] = [:], problem: RunbookError? = nil) {
        self.number = number
        self.line = line
        self.values = values
        self.problem = problem
    }

    /// Where the row is, for messages: `line 7` in a CSV file, `item 3` in a JSON one.
    public var place: String {
        line.map { "line \($0)" } ?? "item \(number)"
    }

    /// The tenant as the row names it: a callback URL, or a region and a tenant ID.
    public var input: TenantInput {
        TenantInput(url: values[.callbackURL], region: values[.region], tenantID: values[.tenantID])
    }
}
