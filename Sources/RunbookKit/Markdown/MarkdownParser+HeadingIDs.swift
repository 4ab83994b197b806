import CCmarkGFM
import Foundation

// Every heading gets the id its slug gives it, as GitHub does.
extension MarkdownParser.DocumentTree {
    mutating func addID(_ slug: String, to heading: OpaquePointer) {
        let level = cmark_node_get_heading_level(heading)
        let replacement = customNode(
            CMARK_NODE_CUSTOM_BLOCK, enter: "<h", String(level), " id=\"", slug, "\">",
            exit: "</h\(level)>\n")
        moveChildren(of: heading, into: replacement)
        replace(heading, with: replacement)
    }
}
