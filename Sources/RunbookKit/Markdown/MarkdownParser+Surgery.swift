import CCmarkGFM
import Foundation

// The tree operations every rewrite shares: custom nodes, moving children, detaching.
extension MarkdownParser.DocumentTree {
    /// A node that prints `enter`, its children, then `exit`. `enter` comes in pieces, joined
    /// straight into the C string cmark-gfm copies: building it as a Swift String first took
    /// most of the time of turning a runbook's steps into checkboxes.
    func customNode(_ type: cmark_node_type, enter: String..., exit: String) -> OpaquePointer {
        guard let node = cmark_node_new(type) else { fatalError("cmark-gfm could not allocate a node") }
        var text: [UInt8] = []
        text.reserveCapacity(enter.reduce(1) { $0 + $1.utf8.count })
        for piece in enter { text.append(contentsOf: piece.utf8) }
        text.append(0)
        _ = text.withUnsafeBytes { cmark_node_set_on_enter(node, $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
        cmark_node_set_on_exit(node, exit)
        return node
    }

    func moveChildren(of node: OpaquePointer, into target: OpaquePointer) {
        while let child = cmark_node_first_child(node) {
            guard cmark_node_append_child(target, child) == 1 else {
                fatalError("cmark-gfm refused to move a \(String(cString: cmark_node_get_type_string(child))) node")
            }
        }
    }

    func moveChildren(of node: OpaquePointer, before sibling: OpaquePointer) {
        while let child = cmark_node_first_child(node) {
            cmark_node_insert_before(sibling, child)
        }
    }

    mutating func replace(_ node: OpaquePointer, with replacement: OpaquePointer) {
        cmark_node_insert_before(node, replacement)
        detach(node)
    }

    mutating func detach(_ node: OpaquePointer) {
        cmark_node_unlink(node)
        detached.append(node)
    }

    func plainText(of node: OpaquePointer) -> String {
        var text = ""
        for (child, kind) in MarkdownParser.walk(node) {
            switch kind {
            case .text, .code: text += cmark_node_get_literal(child).map(String.init(cString:)) ?? ""
            case .softBreak, .lineBreak: text += " "
            default: break
            }
        }
        return text
    }
}
