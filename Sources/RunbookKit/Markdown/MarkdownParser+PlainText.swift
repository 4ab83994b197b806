import CCmarkGFM
import Foundation

// The tree reshaped for cmark-gfm's plain-text renderer, for the mail's text part.
extension MarkdownParser.DocumentTree {
    /// Reshapes the tree for cmark-gfm's plain-text renderer, which drops headings' level,
    /// alerts' kind, numbered task lists' numbers and links' addresses.
    mutating func prepareForPlainText() {
        var headings: [OpaquePointer] = []
        var quotes: [OpaquePointer] = []
        var items: [OpaquePointer] = []
        var addresses: [OpaquePointer] = []
        for (node, kind) in MarkdownParser.walk(root) {
            switch kind {
            case .heading: headings.append(node)
            case .blockQuote: quotes.append(node)
            case .taskItem: items.append(node)
            case .link, .code: addresses.append(node)
            default: break
            }
        }
        items.forEach { cmark_node_set_syntax_extension($0, nil) }
        for quote in quotes {
            // `> [!WARNING]` and its text become one paragraph run: "WARNING: …".
            guard let label = takeAlertLabel(quote) else { continue }
            let first = cmark_node_first_child(quote)
            let prefix = textNode(label.uppercased() + ": ")
            if let first, MarkdownParser.NodeKind(first) == .paragraph, let text = cmark_node_first_child(first) {
                cmark_node_insert_before(text, prefix)
            } else {
                let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
                cmark_node_append_child(paragraph, prefix)
                cmark_node_prepend_child(quote, paragraph)
            }
            moveChildren(of: quote, before: quote)
            detach(quote)
        }
        for heading in headings {
            // Underlined as Markdown's setext headings are, = under a title and - under a part,
            // and ~ under a subsection such as an experience's steps, so each stands out.
            let level = cmark_node_get_heading_level(heading)
            let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
            let width = plainText(of: heading).count
            moveChildren(of: heading, into: paragraph)
            cmark_node_append_child(paragraph, cmark_node_new(CMARK_NODE_LINEBREAK))
            cmark_node_append_child(
                paragraph, textNode(String(repeating: level == 1 ? "=" : level == 2 ? "-" : "~", count: width)))
            replace(heading, with: paragraph)
        }
        for node in addresses {
            let url =
                MarkdownParser.NodeKind(node) == .link
                ? cmark_node_get_url(node).map(String.init(cString:)) ?? ""
                : cmark_node_get_literal(node).map(String.init(cString:)) ?? ""
            guard url.hasPrefix("https://") || url.hasPrefix("http://") else { continue }
            // The address goes on a line of its own, whole, after the link's text if it has one.
            let shown = MarkdownParser.NodeKind(node) == .code || plainText(of: node) == url
            if cmark_node_previous(node) != nil { cmark_node_insert_before(node, cmark_node_new(CMARK_NODE_LINEBREAK)) }
            var last = node
            if !shown {
                let text = textNode(url)
                cmark_node_insert_after(node, text)
                cmark_node_insert_after(node, cmark_node_new(CMARK_NODE_LINEBREAK))
                last = text
            }
            if cmark_node_next(last) != nil { cmark_node_insert_after(last, cmark_node_new(CMARK_NODE_LINEBREAK)) }
        }
    }

    func textNode(_ literal: String) -> OpaquePointer {
        guard let node = cmark_node_new(CMARK_NODE_TEXT) else { fatalError("cmark-gfm could not allocate a node") }
        cmark_node_set_literal(node, literal)
        return node
    }

    /// Whether the source text at the node's start is `prefix`: a marker written as
    /// `\[!WARNING]` parses to the same text node as `[!WARNING]`, but is not an alert.
    mutating func startsLiterally(_ node: OpaquePointer, with prefix: String) -> Bool {
        let line = Int(cmark_node_get_start_line(node))
        let column = Int(cmark_node_get_start_column(node))
        let lineStarts = self.lineStarts ?? Self.lineStarts(of: source)
        self.lineStarts = lineStarts
        guard (1...lineStarts.count).contains(line), column >= 1 else { return false }
        let bytes = source.utf8
        let start = lineStarts[line - 1] + column - 1
        guard start + prefix.utf8.count <= bytes.count else { return false }
        return bytes[bytes.index(bytes.startIndex, offsetBy: start)...].starts(with: prefix.utf8)
    }

    /// The byte offset at which each line of `text` starts.
    static func lineStarts(of text: String) -> [Int] {
        var text = text
        return text.withUTF8 { bytes in
            var starts = [0]
            guard let base = bytes.baseAddress else { return starts }
            while let newline = memchr(base + starts.last!, Int32(UInt8(ascii: "\n")), bytes.count - starts.last!) {
                starts.append(base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1)
            }
            return starts
        }
    }
}
