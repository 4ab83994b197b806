import Foundation

/// A rendered runbook with its tenant's and customer's values cut out: what the personaliser
/// fills in the browser to offer, byte for byte, the file `runbook render` writes.
///
/// The site build renders the runbook for stand-in values (``StandIn``), with and without a
/// customer, cuts the values out, and keeps the regions for which filling the template back in
/// gives exactly what the renderer writes (``make(renderer:regions:)``). The page's script fills
/// it the same way (`fill` in `Templates/site/personalize.js`), so a download is either the
/// CLI's bytes or is refused.
struct DownloadTemplate: Encodable, Sendable {
    /// One piece of the file: text as it is, a value, or text only with or without a customer.
    indirect enum Part: Encodable, Sendable {
        case text(String)
        case value(Hole)
        /// Only when the runbook names a customer (`{{#customer}}` in the templates).
        case withCustomer([Part])
        /// Only when it does not (`{{^customer}}`).
        case withoutCustomer([Part])

        private enum Key: String, CodingKey { case value, customer, noCustomer }

        /// Text as a JSON string, the rest as an object with one key, which the page's `fill` reads.
        func encode(to encoder: any Encoder) throws {
            switch self {
            case .text(let text):
                var container = encoder.singleValueContainer()
                try container.encode(text)
            case .value(let hole):
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(hole.rawValue, forKey: .value)
            case .withCustomer(let parts):
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(parts, forKey: .customer)
            case .withoutCustomer(let parts):
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(parts, forKey: .noCustomer)
            }
        }
    }

    /// Where a value goes, and so how it is written there.
    enum Hole: String, CaseIterable, Encodable, Sendable {
        case tenantID, regionKey, regionHost, regionName
        /// The customer as a JSON string with its quotes, in the front matter.
        case customerJSON
        /// The customer as inert Markdown text.
        case customerMarkdown
        /// The customer as cmark-gfm writes the text of that Markdown: `&`, `<`, `>` and `"` escaped.
        case customerHTML
        /// The customer escaped for HTML, `'` too: the page's title.
        case customerTitle
    }

    /// The pieces, in order.
    var parts: [Part]

    /// The pieces as a JSON array.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(parts)
    }

    /// The file for a runbook, every hole filled with its value.
    func filled(for runbook: Runbook) -> String {
        var text = ""
        Self.fill(parts, with: Self.values(for: runbook), hasCustomer: runbook.customer != nil, into: &text)
        return text
    }

    /// Each hole's value for a runbook, written as the hole says; the customer's holes only when
    /// it names a customer. The page's `runbookFile` writes the same.
    static func values(for runbook: Runbook) -> [Hole: String] {
        var values: [Hole: String] = [
            .tenantID: runbook.tenant.tenantID.rawValue, .regionKey: runbook.tenant.region.key,
            .regionHost: runbook.tenant.region.host, .regionName: runbook.tenant.region.name,
        ]
        if let customer = runbook.customer {
            values[.customerJSON] = customer.jsonQuoted
            values[.customerMarkdown] = customer.markdownEscaped
            values[.customerHTML] = customer.cmarkTextEscaped
            values[.customerTitle] = customer.htmlEscaped
        }
        return values
    }

    private static func fill(_ parts: [Part], with values: [Hole: String], hasCustomer: Bool, into text: inout String) {
        for part in parts {
            switch part {
            case .text(let piece): text += piece
            case .value(let hole): text += values[hole] ?? ""
            case .withCustomer(let parts) where hasCustomer, .withoutCustomer(let parts) where !hasCustomer:
                fill(parts, with: values, hasCustomer: hasCustomer, into: &text)
            case .withCustomer, .withoutCustomer: break
            }
        }
    }
}
