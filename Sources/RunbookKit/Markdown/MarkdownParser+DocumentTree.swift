import CCmarkGFM
import Foundation

extension MarkdownParser {
    /// A parsed document whose tree is reshaped by ``Features`` before rendering.
    ///
    /// Nodes that are replaced are detached and freed only after rendering: cmark-gfm's inline
    /// text can point into its block's buffer, so freeing a heading early corrupts its text.
    struct DocumentTree {
        let root: OpaquePointer
        let source: String
        var detached: [OpaquePointer] = []
        /// Where each line of `source` starts, found when the first alert needs it.
        var lineStarts: [Int]?

        init(root: OpaquePointer, source: String) {
            self.root = root
            self.source = source
        }

        mutating func apply(_ features: Features) {
            // Collect first, then change: the walk is over before any rewrite runs.
            var headings: [OpaquePointer] = []
            var quotes: [OpaquePointer] = []
            var stepLists: [(list: OpaquePointer, section: String)] = []
            var emailLinks: [OpaquePointer] = []
            var taskItems: [OpaquePointer] = []
            var slugs = SlugCounter()
            var headingSlugs: [String] = []
            var experienceHeadings: [(heading: OpaquePointer, experience: Experience)] = []
            var section = "intro"

            for (node, kind) in MarkdownParser.walk(root) {
                switch kind {
                case .heading:
                    let text = plainText(of: node)
                    let slug = slugs.next(for: text)
                    headings.append(node)
                    headingSlugs.append(slug)
                    if cmark_node_get_heading_level(node) <= 2 { section = slug }
                    if features.contains(.experienceSections), let experience = experienceHeading(node, text: text) {
                        experienceHeadings.append((node, experience))
                    }
                case .blockQuote:
                    quotes.append(node)
                case .list where isStepList(node):
                    stepLists.append((node, section))
                case .link where isEmailAutolink(node):
                    emailLinks.append(node)
                case .taskItem:
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
    }
}
