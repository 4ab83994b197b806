import CCmarkGFM
import Foundation

// Numbered task lists as the runbook's steps: each item gets a stable id and a checkbox.
extension MarkdownParser.DocumentTree {
    func isStepList(_ list: OpaquePointer) -> Bool {
        guard cmark_node_get_list_type(list) == CMARK_ORDERED_LIST,
            let first = cmark_node_first_child(list)
        else { return false }
        return String(cString: cmark_node_get_type_string(first)) == "tasklist"
    }

    /// `1. [ ] Select Save.` becomes
    /// `<li class="step" id="step-<section>-<n>"><p><input type="checkbox" id="…-done"><label for="…-done">…`.
    mutating func makeSteps(_ list: OpaquePointer, section: String, counters: inout [String: Int]) {
        let start = cmark_node_get_list_start(list)
        let steps = customNode(
            CMARK_NODE_CUSTOM_BLOCK, enter: "<ol class=\"steps\"", start > 1 ? " start=\"\(start)\"" : "", ">\n",
            exit: "</ol>\n")
        var number = counters[section, default: 0]
        defer { counters[section] = number }
        while let item = cmark_node_first_child(list) {
            number += 1
            let n = String(number)
            let checked = cmark_gfm_extensions_get_tasklist_item_checked(item) ? " checked" : ""
            let step = customNode(
                CMARK_NODE_CUSTOM_BLOCK, enter: "<li class=\"step\" id=\"step-", section, "-", n, "\">\n",
                exit: "</li>\n")
            if let paragraph = cmark_node_first_child(item), MarkdownParser.NodeKind(paragraph) == .paragraph {
                let label = customNode(
                    CMARK_NODE_CUSTOM_INLINE,
                    enter: "<input type=\"checkbox\" class=\"step-done\" id=\"step-", section, "-", n, "-done\"",
                    checked, "> <label for=\"step-", section, "-", n, "-done\">",
                    exit: "</label>")
                moveChildren(of: paragraph, into: label)
                cmark_node_append_child(paragraph, label)
            }
            moveChildren(of: item, into: step)
            cmark_node_append_child(steps, step)
            detach(item)
        }
        replace(list, with: steps)
    }
}
