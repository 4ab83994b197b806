import CCmarkGFM
import Foundation

extension MarkdownParser {
    /// A parsed document whose tree is reshaped by ``Features`` before rendering.
    ///
    /// Nodes that are replaced are detached and freed only after rendering: cmark-gfm's inline
    /// text can point into its block's buffer, so freeing a heading early corrupts its text.
    struct DocumentTree {
        let root: OpaquePointer
        private let source: String
        private var detached: [OpaquePointer] = []
        /// Where each line of `source` starts, found when the first alert needs it.
        private var lineStarts: [Int]?

        init(root: OpaquePointer, source: String) {
            self.root = root
            self.source = source
        }

        mutating func apply(_ features: Features) {
            // Collect first: the tree must not change while an iterator walks it.
            var headings: [OpaquePointer] = []
            var quotes: [OpaquePointer] = []
            var stepLists: [(list: OpaquePointer, section: String)] = []
            var emailLinks: [OpaquePointer] = []
            var taskItems: [OpaquePointer] = []
            var slugs = SlugCounter()
            var headingSlugs: [String] = []
            var experienceHeadings: [(heading: OpaquePointer, experience: Experience)] = []
            var section = "intro"

            let iterator = cmark_iter_new(root)
            defer { cmark_iter_free(iterator) }
            while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
                switch cmark_node_get_type(node) {
                case CMARK_NODE_HEADING:
                    let text = plainText(of: node)
                    let slug = slugs.next(for: text)
                    headings.append(node)
                    headingSlugs.append(slug)
                    if cmark_node_get_heading_level(node) <= 2 { section = slug }
                    if features.contains(.experienceSections), let experience = experienceHeading(node, text: text) {
                        experienceHeadings.append((node, experience))
                    }
                case CMARK_NODE_BLOCK_QUOTE:
                    quotes.append(node)
                case CMARK_NODE_LIST where isStepList(node):
                    stepLists.append((node, section))
                case CMARK_NODE_LINK where isEmailAutolink(node):
                    emailLinks.append(node)
                case CMARK_NODE_ITEM where String(cString: cmark_node_get_type_string(node)) == "tasklist":
                    taskItems.append(node)
                default:
                    break
                }
            }

            // Before any heading is replaced: a section ends at the next heading of its level or above.
            experienceHeadings.forEach { makeExperienceSection($0.heading, experience: $0.experience) }
            if features.contains(.plainEmailAddresses) { emailLinks.forEach { unlinkEmail($0) } }
            if features.contains(.alertTables) {
                quotes.forEach { makeCallout($0, markup: .table) }
            } else if features.contains(.alerts) {
                quotes.forEach { makeCallout($0, markup: .aside) }
            }
            if features.contains(.plainTaskLists) { taskItems.forEach { cmark_node_set_syntax_extension($0, nil) } }
            if features.contains(.steps) {
                var counters: [String: Int] = [:]
                for (list, section) in stepLists { makeSteps(list, section: section, counters: &counters) }
            }
            if features.contains(.headingIDs) {
                for (heading, slug) in zip(headings, headingSlugs) { addID(slug, to: heading) }
            }
        }

        func freeDetachedNodes() {
            detached.forEach { cmark_node_free($0) }
        }

        // MARK: Alerts

        private static let alertLabels = [
            "NOTE": "Note", "TIP": "Tip", "IMPORTANT": "Important",
            "WARNING": "Warning", "CAUTION": "Caution",
        ]

        /// The label colours of GitHub's alerts, for mail, where the page's stylesheet is absent.
        private static let alertColors = [
            "Note": "#0550ae", "Tip": "#1a7f37", "Important": "#8250df",
            "Warning": "#9a6700", "Caution": "#cf222e",
        ]

        enum CalloutMarkup { case aside, table }

        /// An alert's label, such as "Warning", with its marker and the line break after it removed
        /// from the quote; `nil` when the quote is not an alert. `> [!WARNING]` must stand on a line
        /// of its own, as GitHub requires.
        private mutating func takeAlertLabel(_ quote: OpaquePointer) -> String? {
            guard let paragraph = cmark_node_first_child(quote), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
                let marker = cmark_node_first_child(paragraph), cmark_node_get_type(marker) == CMARK_NODE_TEXT,
                let literal = cmark_node_get_literal(marker).map(String.init(cString:)),
                literal.hasPrefix("[!"), literal.hasSuffix("]"),
                let label = Self.alertLabels[literal.dropFirst(2).dropLast().uppercased()],
                startsLiterally(paragraph, with: "[!")
            else { return nil }
            let next = cmark_node_next(marker)
            guard next == nil || [CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK].contains(cmark_node_get_type(next))
            else { return nil }
            detach(marker)
            if let next { detach(next) }
            if cmark_node_first_child(paragraph) == nil { detach(paragraph) }
            return label
        }

        /// An alert becomes a labelled callout: an `<aside>` for the page, a one-cell table with
        /// inline styles for mail.
        private mutating func makeCallout(_ quote: OpaquePointer, markup: CalloutMarkup) {
            guard let label = takeAlertLabel(quote) else { return }
            let kind = label.lowercased()
            let color = Self.alertColors[label] ?? "#59636e"
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
                        CMARK_NODE_CUSTOM_BLOCK,
                        enter: "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" "
                            + "style=\"border-collapse:collapse;margin:16px 0;\"><tr><td style=\"border-left:4px solid \(color);"
                            + "background:#f6f8fa;padding:10px 14px;\">\n<p style=\"margin:0 0 4px;font-weight:bold;"
                            + "color:\(color);\">\(label)</p>\n",
                        exit: "</td></tr></table>\n")
                }
            moveChildren(of: quote, into: callout)
            replace(quote, with: callout)
        }

        // MARK: Plain text

        /// Reshapes the tree for cmark-gfm's plain-text renderer, which drops headings' level,
        /// alerts' kind, numbered task lists' numbers and links' addresses.
        mutating func prepareForPlainText() {
            var headings: [OpaquePointer] = []
            var quotes: [OpaquePointer] = []
            var items: [OpaquePointer] = []
            var addresses: [OpaquePointer] = []
            let iterator = cmark_iter_new(root)
            defer { cmark_iter_free(iterator) }
            while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
                switch cmark_node_get_type(node) {
                case CMARK_NODE_HEADING: headings.append(node)
                case CMARK_NODE_BLOCK_QUOTE: quotes.append(node)
                case CMARK_NODE_ITEM where String(cString: cmark_node_get_type_string(node)) == "tasklist": items.append(node)
                case CMARK_NODE_LINK, CMARK_NODE_CODE: addresses.append(node)
                default: break
                }
            }
            items.forEach { cmark_node_set_syntax_extension($0, nil) }
            for quote in quotes {
                // `> [!WARNING]` and its text become one paragraph run: "WARNING: …".
                guard let label = takeAlertLabel(quote) else { continue }
                let first = cmark_node_first_child(quote)
                let prefix = textNode(label.uppercased() + ": ")
                if let first, cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH, let text = cmark_node_first_child(first) {
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
                    cmark_node_get_type(node) == CMARK_NODE_LINK
                    ? cmark_node_get_url(node).map(String.init(cString:)) ?? ""
                    : cmark_node_get_literal(node).map(String.init(cString:)) ?? ""
                guard url.hasPrefix("https://") || url.hasPrefix("http://") else { continue }
                // The address goes on a line of its own, whole, after the link's text if it has one.
                let shown = cmark_node_get_type(node) == CMARK_NODE_CODE || plainText(of: node) == url
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

        private func textNode(_ literal: String) -> OpaquePointer {
            guard let node = cmark_node_new(CMARK_NODE_TEXT) else { fatalError("cmark-gfm could not allocate a node") }
            cmark_node_set_literal(node, literal)
            return node
        }

        /// Whether the source text at the node's start is `prefix`: a marker written as
        /// `\[!WARNING]` parses to the same text node as `[!WARNING]`, but is not an alert.
        private mutating func startsLiterally(_ node: OpaquePointer, with prefix: String) -> Bool {
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
        private static func lineStarts(of text: String) -> [Int] {
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

        // MARK: Steps

        private func isStepList(_ list: OpaquePointer) -> Bool {
            guard cmark_node_get_list_type(list) == CMARK_ORDERED_LIST,
                let first = cmark_node_first_child(list)
            else { return false }
            return String(cString: cmark_node_get_type_string(first)) == "tasklist"
        }

        /// `1. [ ] Select Save.` becomes
        /// `<li class="step" id="step-<section>-<n>"><p><input type="checkbox" id="…-done"><label for="…-done">…`.
        private mutating func makeSteps(_ list: OpaquePointer, section: String, counters: inout [String: Int]) {
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
                if let paragraph = cmark_node_first_child(item), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH {
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

        // MARK: Headings

        private mutating func addID(_ slug: String, to heading: OpaquePointer) {
            let level = cmark_node_get_heading_level(heading)
            let replacement = customNode(
                CMARK_NODE_CUSTOM_BLOCK, enter: "<h", String(level), " id=\"", slug, "\">",
                exit: "</h\(level)>\n")
            moveChildren(of: heading, into: replacement)
            replace(heading, with: replacement)
        }

        // MARK: E-mail addresses

        private func isEmailAutolink(_ link: OpaquePointer) -> Bool {
            guard let url = cmark_node_get_url(link).map(String.init(cString:)),
                url.hasPrefix("mailto:") || url.hasPrefix("xmpp:"),
                let text = cmark_node_first_child(link), cmark_node_next(text) == nil,
                cmark_node_get_type(text) == CMARK_NODE_TEXT,
                let literal = cmark_node_get_literal(text).map(String.init(cString:))
            else { return false }
            return url == literal || url.hasSuffix(":" + literal)
        }

        private mutating func unlinkEmail(_ link: OpaquePointer) {
            moveChildren(of: link, before: link)
            detach(link)
        }

        // MARK: Tree surgery

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
            let iterator = cmark_iter_new(node)
            defer { cmark_iter_free(iterator) }
            while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
                guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
                switch cmark_node_get_type(child) {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                    text += cmark_node_get_literal(child).map(String.init(cString:)) ?? ""
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                    text += " "
                default:
                    break
                }
            }
            return text
        }
    }

    /// Makes heading `id`s the way GitHub does: lower-case, punctuation dropped, spaces as hyphens,
    /// and `-1`, `-2` … after a repeat.
    struct SlugCounter {
        private var seen: [String: Int] = [:]

        mutating func next(for text: String) -> String {
            var slug = text.utf8.allSatisfy { $0 < 0x80 } ? Self.asciiSlug(text) : Self.unicodeSlug(text)
            if slug.isEmpty { slug = "section" }
            defer { seen[slug, default: 0] += 1 }
            guard let count = seen[slug] else { return slug }
            return "\(slug)-\(count)"
        }

        private static func unicodeSlug(_ text: String) -> String {
            var slug = ""
            for character in text.lowercased() {
                if character.isLetter || character.isNumber || character == "-" || character == "_" {
                    slug.append(character)
                } else if character == " " {
                    slug.append("-")
                }
            }
            return slug
        }

        /// The same for ASCII text, byte by byte: nearly every heading, and several times faster
        /// than asking each Character for its Unicode properties.
        private static func asciiSlug(_ text: String) -> String {
            var slug: [UInt8] = []
            slug.reserveCapacity(text.utf8.count)
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): slug.append(byte + 0x20)
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                    UInt8(ascii: "-"), UInt8(ascii: "_"):
                    slug.append(byte)
                case UInt8(ascii: " "): slug.append(UInt8(ascii: "-"))
                default: break
                }
            }
            return String(decoding: slug, as: UTF8.self)
        }
    }
}
