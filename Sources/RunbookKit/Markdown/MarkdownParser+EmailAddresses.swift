import CCmarkGFM
import Foundation

// E-mail autolinks back into text, so a customer's address stays text.
extension MarkdownParser.DocumentTree {
    func isEmailAutolink(_ link: OpaquePointer) -> Bool {
        guard let url = cmark_node_get_url(link).map(String.init(cString:)),
            url.hasPrefix("mailto:") || url.hasPrefix("xmpp:"),
            let text = cmark_node_first_child(link), cmark_node_next(text) == nil,
            MarkdownParser.NodeKind(text) == .text,
            let literal = cmark_node_get_literal(text).map(String.init(cString:))
        else { return false }
        return url == literal || url.hasSuffix(":" + literal)
    }

    mutating func unlinkEmail(_ link: OpaquePointer) {
        moveChildren(of: link, before: link)
        detach(link)
    }
}
