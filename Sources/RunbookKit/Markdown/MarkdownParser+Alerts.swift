import CCmarkGFM
import Foundation

// GitHub's alerts (`> [!WARNING]`) as labelled callouts: an `<aside>` on the page, a one-cell table in mail.
extension MarkdownParser.DocumentTree {
    static let alertLabels = [
        "NOTE": "Note", "TIP": "Tip", "IMPORTANT": "Important",
        "WARNING": "Warning", "CAUTION": "Caution",
    ]

    enum CalloutMarkup { case aside, table }

    /// An alert's label, such as "Warning", with its marker and the line break after it removed
    /// from the quote; `nil` when the quote is not an alert. `> [!WARNING]` must stand on a line
    /// of its own, as GitHub requires.
    mutating func takeAlertLabel(_ quote: OpaquePointer) -> String? {
        guard let paragraph = cmark_node_first_child(quote), MarkdownParser.NodeKind(paragraph) == .paragraph,
            let marker = cmark_node_first_child(paragraph), MarkdownParser.NodeKind(marker) == .text,
            let literal = cmark_node_get_literal(marker).map(String.init(cString:)),
            literal.hasPrefix("[!"), literal.hasSuffix("]"),
            let label = Self.alertLabels[literal.dropFirst(2).dropLast().uppercased()],
            startsLiterally(paragraph, with: "[!")
        else { return nil }
        let next = cmark_node_next(marker)
        guard next == nil || [.softBreak, .lineBreak].contains(MarkdownParser.NodeKind(next!))
        else { return nil }
        detach(marker)
        if let next { detach(next) }
        if cmark_node_first_child(paragraph) == nil { detach(paragraph) }
        return label
    }

    /// An alert becomes a labelled callout: an `<aside>` for the page, a one-cell table with
    /// inline styles for mail.
    mutating func makeCallout(_ quote: OpaquePointer, markup: CalloutMarkup) {
        guard let label = takeAlertLabel(quote) else { return }
        let kind = label.lowercased()
        let callout =
            switch markup {
            case .aside:
                customNode(
                    CMARK_NODE_CUSTOM_BLOCK,
                    enter:
                        "<aside class=\"callout callout-\(kind)\" role=\"note\">\n<p class=\"callout-label\">\(label)</p>\n",
                    exit: "</aside>\n")
            case .table:
                customNode(
                    CMARK_NODE_CUSTOM_BLOCK, enter: EmailStyler.calloutOpening(label: label), exit: EmailStyler.calloutClosing)
            }
        moveChildren(of: quote, into: callout)
        replace(quote, with: callout)
    }
}
