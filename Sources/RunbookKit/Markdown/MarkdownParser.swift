import CCmarkGFM
import Foundation

/// Turns GitHub-flavoured Markdown into HTML with cmark-gfm, the C library behind GitHub's own
/// renderer. This type is the only place that calls it.
///
/// ```swift
/// let parser = MarkdownParser()
/// let html = parser.html(from: "> [!WARNING]\n> The token is shown only once.")
/// ```
///
/// Beyond cmark-gfm's output, the parser reshapes the document tree (never the HTML text) so the
/// page reads and prints well: see ``Features``.
public struct MarkdownParser: Sendable {
    /// The cmark-gfm syntax extensions to attach to the parser.
    public struct Extensions: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Pipe tables.
        public static let table = Self(rawValue: 1 << 0)
        /// `- [ ]` task-list items.
        public static let taskList = Self(rawValue: 1 << 1)
        /// `~~strikethrough~~`.
        public static let strikethrough = Self(rawValue: 1 << 2)
        /// Bare `https://…` and `www.…` links.
        public static let autolink = Self(rawValue: 1 << 3)
        /// Disallowed raw HTML tags such as `<script>` are escaped.
        public static let tagFilter = Self(rawValue: 1 << 4)
        /// Everything GitHub enables.
        public static let gfm: Self = [.table, .taskList, .strikethrough, .autolink, .tagFilter]

        var names: [String] {
            [
                (Self.table, "table"), (.taskList, "tasklist"), (.strikethrough, "strikethrough"),
                (.autolink, "autolink"), (.tagFilter, "tagfilter"),
            ]
            .filter { contains($0.0) }.map(\.1)
        }
    }

    /// cmark-gfm's parse and render options.
    public struct Options: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// `[^1]` footnotes. A parse option in cmark-gfm, not an extension.
        public static let footnotes = Self(rawValue: 1 << 0)
        /// Replace invalid UTF-8 with U+FFFD instead of passing it through.
        public static let validateUTF8 = Self(rawValue: 1 << 1)
        /// Pass raw HTML through. Off by default, so raw HTML becomes a comment.
        public static let unsafe = Self(rawValue: 1 << 2)

        /// The options as cmark-gfm's `CMARK_OPT_*` flags, which stay behind this type.
        var cmarkFlags: Int32 {
            [(Self.footnotes, CMARK_OPT_FOOTNOTES), (.validateUTF8, CMARK_OPT_VALIDATE_UTF8), (.unsafe, CMARK_OPT_UNSAFE)]
                .filter { contains($0.0) }.reduce(0) { $0 | $1.1 }
        }
    }

    /// Changes to the document tree made after parsing.
    public struct Features: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// GitHub alerts (`> [!WARNING]` and the other four kinds) become
        /// `<aside class="callout …" role="note">` with a visible label, since cmark-gfm 0.29
        /// has no alert extension.
        public static let alerts = Self(rawValue: 1 << 0)
        /// Headings get `id`s made the way GitHub makes them, so `[…](#generate-an-api-token)`
        /// works both on GitHub and in the page.
        public static let headingIDs = Self(rawValue: 1 << 1)
        /// An ordered list of task-list items becomes a list of steps, each with a stable `id`
        /// (`step-<section>-<n>`) and a real, labelled checkbox.
        public static let steps = Self(rawValue: 1 << 2)
        /// E-mail addresses stay text. cmark-gfm's autolink extension links an address even when
        /// its punctuation is escaped, so escaping alone cannot keep a customer's value inert.
        public static let plainEmailAddresses = Self(rawValue: 1 << 3)
        /// Task-list items become plain list items, for mail, where a checkbox does nothing.
        static let plainTaskLists = Self(rawValue: 1 << 4)
        /// Alerts become one-cell tables with inline styles instead of `<aside>`, which mail
        /// clients render unevenly; implies ``alerts``.
        static let alertTables = Self(rawValue: 1 << 5)
        /// A part headed `### Classic experience: …` or `### Newer experience: …` (a heading of
        /// level 3 or more) becomes a `<section class="experience" data-experience="classic">`
        /// that runs to the next heading of its level or above, so the page can show the steps of
        /// the admin's own Entra experience (``Experience``).
        public static let experienceSections = Self(rawValue: 1 << 6)
        /// Inline code that holds a path or URL, and a `text` code block that is one, break only
        /// after a `/` (class `path`), so in a table or on a narrow screen they break between
        /// their parts, never inside one that fits on a line.
        public static let pathBreaks = Self(rawValue: 1 << 7)
        /// The page's changes: alerts, heading ids, steps, experience sections, plain e-mail
        /// addresses and path breaks.
        public static let all: Self = [.alerts, .headingIDs, .steps, .experienceSections, .plainEmailAddresses, .pathBreaks]
        /// The changes for an HTML e-mail: table callouts, plain lists and addresses.
        static let email: Self = [.alertTables, .headingIDs, .plainTaskLists, .plainEmailAddresses]
    }

    /// The extensions attached to every parse.
    public var extensions: Extensions
    /// The options given to the parser and the renderer.
    public var options: Options
    /// The tree changes applied before rendering.
    public var features: Features

    /// Creates a parser; the defaults are GitHub's extensions, footnotes and UTF-8 validation, raw
    /// HTML left out, and every ``Features`` change.
    public init(
        extensions: Extensions = .gfm, options: Options = [.footnotes, .validateUTF8],
        features: Features = .all
    ) {
        self.extensions = extensions
        self.options = options
        self.features = features
    }

    /// Renders Markdown as an HTML fragment.
    public func html(from markdown: String) -> String {
        render(markdown, text: features.contains(.pathBreaks) ? Self.textAddingPathBreaks : Self.text) { tree, parser in
            tree.apply(features)
            return cmark_render_html(tree.root, options.cmarkFlags, cmark_parser_get_syntax_extensions(parser))
        }
    }

    /// Renders Markdown as plain text for a mail's text part: headings underlined, numbered steps,
    /// alerts as `WARNING:` paragraphs, and every web address whole on a line of its own.
    public func plainText(from markdown: String) -> String {
        render(markdown) { tree, _ in
            tree.prepareForPlainText()
            return cmark_render_plaintext(tree.root, options.cmarkFlags, 0)
        }
    }

    /// Parses `markdown`, lets `output` reshape and render the tree, makes `text` of what it
    /// rendered, and frees everything.
    private func render(
        _ markdown: String,
        text: (UnsafeBufferPointer<UInt8>) -> String = Self.text,
        _ output: (inout DocumentTree, OpaquePointer) -> UnsafeMutablePointer<CChar>?
    ) -> String {
        Self.registerExtensions
        // cmark-gfm 0.29.0.gfm.6 keeps parser state in globals (DESIGN.md): one parse at a time.
        return Self.lock.withLock {
            guard let parser = cmark_parser_new(options.cmarkFlags) else {
                fatalError("cmark-gfm could not allocate a parser")
            }
            defer { cmark_parser_free(parser) }
            for name in extensions.names {
                guard let ext = cmark_find_syntax_extension(name) else {
                    fatalError("cmark-gfm has no \(name) extension; libcmark-gfm-extensions is not linked")
                }
                cmark_parser_attach_syntax_extension(parser, ext)
            }
            var utf8 = markdown.utf8CString
            utf8.withUnsafeMutableBufferPointer { buffer in
                cmark_parser_feed(parser, buffer.baseAddress, buffer.count - 1)
            }
            guard let document = cmark_parser_finish(parser) else {
                fatalError("cmark-gfm returned no document")
            }
            defer { cmark_node_free(document) }

            var tree = DocumentTree(root: document, source: markdown)
            defer { tree.freeDetachedNodes() }
            guard let rendered = output(&tree, parser) else { fatalError("cmark-gfm could not render the document") }
            defer { free(rendered) }
            return text(
                UnsafeBufferPointer(
                    start: UnsafeRawPointer(rendered).assumingMemoryBound(to: UInt8.self), count: strlen(rendered)))
        }
    }

    /// What cmark-gfm rendered, as it stands.
    private static func text(_ rendered: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: rendered, as: UTF8.self)
    }

    private static let lock = NSLock()

    /// `cmark_gfm_core_extensions_ensure_registered` is not thread-safe; a `static let` runs it once.
    private static let registerExtensions: Void = cmark_gfm_core_extensions_ensure_registered()
}
