import CCmarkGFM

extension MarkdownParser.DocumentTree {
    /// The experience a heading opens: a heading of level 3 or more, at the top of the document,
    /// whose text starts with an experience's ``Experience/heading``, then a colon or nothing.
    func experienceHeading(_ heading: OpaquePointer, text: String) -> Experience? {
        guard cmark_node_get_heading_level(heading) >= 3, cmark_node_parent(heading) == root else { return nil }
        return Experience.allCases.first { text == $0.heading || text.hasPrefix($0.heading + ":") }
    }

    /// Moves the heading and what follows it, up to the next heading of its level or above, into
    /// `<section class="experience" data-experience="…" data-experience-cue="…">`.
    mutating func makeExperienceSection(_ heading: OpaquePointer, experience: Experience) {
        let level = cmark_node_get_heading_level(heading)
        let section = customNode(
            CMARK_NODE_CUSTOM_BLOCK,
            enter: "<section class=\"experience\" data-experience=\"", experience.rawValue,
            "\" data-experience-cue=\"", experience.cue.htmlEscaped, "\">\n",
            exit: "</section>\n")
        cmark_node_insert_before(heading, section)
        var node: OpaquePointer? = heading
        while let current = node {
            if current != heading, MarkdownParser.NodeKind(current) == .heading,
                cmark_node_get_heading_level(current) <= level
            {
                break
            }
            node = cmark_node_next(current)
            cmark_node_append_child(section, current)
        }
    }
}
