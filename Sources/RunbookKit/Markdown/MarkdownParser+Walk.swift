import CCmarkGFM

extension MarkdownParser {
    /// The kinds of cmark-gfm node the rewrites look for, so they switch over a Swift enum rather
    /// than C constants; every other kind is ``other``.
    enum NodeKind: Equatable {
        case heading, blockQuote, list, item, taskItem, paragraph, text, code, softBreak, lineBreak, link, other

        init(_ node: OpaquePointer) {
            self =
                switch cmark_node_get_type(node) {
                case CMARK_NODE_HEADING: .heading
                case CMARK_NODE_BLOCK_QUOTE: .blockQuote
                case CMARK_NODE_LIST: .list
                case CMARK_NODE_ITEM:
                    String(cString: cmark_node_get_type_string(node)) == "tasklist" ? .taskItem : .item
                case CMARK_NODE_PARAGRAPH: .paragraph
                case CMARK_NODE_TEXT: .text
                case CMARK_NODE_CODE: .code
                case CMARK_NODE_SOFTBREAK: .softBreak
                case CMARK_NODE_LINEBREAK: .lineBreak
                case CMARK_NODE_LINK: .link
                default: .other
                }
        }
    }

    /// Every node under `node`, `node` first, in document order, with its kind. They are
    /// collected before the caller changes anything: the tree must not change while
    /// cmark-gfm's iterator walks it.
    static func walk(_ node: OpaquePointer) -> [(node: OpaquePointer, kind: NodeKind)] {
        var nodes: [(node: OpaquePointer, kind: NodeKind)] = []
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            nodes.append((node, NodeKind(node)))
        }
        return nodes
    }
}
