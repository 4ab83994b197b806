import CCmarkGFM
import Foundation

// E-mail autolinks back into text, so a customer's address stays text.
extension MarkdownParser.DocumentTree {
    /// Whether a link is one cmark-gfm's autolinker made of an address: its text alone, or
    /// `mailto:` and its text. Before `mailto:` or `xmpp:` the autolinker takes in letters,
    /// digits and `.+-_` too, so `support-mailto:help@contoso.com` is linked as it stands, with
    /// no scheme the page knows.
    func isEmailAutolink(_ link: OpaquePointer) -> Bool {
        guard let url = cmark_node_get_url(link).map(String.init(cString:)),
            let text = cmark_node_first_child(link), cmark_node_next(text) == nil,
            MarkdownParser.NodeKind(text) == .text,
            let literal = cmark_node_get_literal(text).map(String.init(cString:)),
            literal.contains("@"), !literal.contains("://")
        else { return false }
        return url == literal || url == "mailto:" + literal
    }

    mutating func unlinkEmail(_ link: OpaquePointer) {
        moveChildren(of: link, before: link)
        detach(link)
    }
}
