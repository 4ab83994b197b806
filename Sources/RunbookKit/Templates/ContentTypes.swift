import Mustache

/// The content types templates declare on their first line with `{{% CONTENT_TYPE: NAME }}`.
enum ContentTypes {
    /// Escapes inserted values as inert Markdown text.
    struct Markdown: MustacheContentType {
        func escapeText(_ text: String) -> String { text.markdownEscaped }
    }

    /// Escapes inserted values for HTML text and attributes, scalar by scalar. It replaces
    /// swift-mustache's own HTML escaping, which compares Characters and so leaves a quote that
    /// carries a combining mark unescaped.
    struct HTML: MustacheContentType {
        func escapeText(_ text: String) -> String { text.htmlEscaped }
    }

    /// The names a template may declare.
    static let names = ["MARKDOWN", "HTML", "TEXT"]

    /// Registers the content types once per process, before any template is parsed.
    static let registered: Void = {
        MustacheContentTypes.register(Markdown(), named: "MARKDOWN")
        MustacheContentTypes.register(HTML(), named: "HTML")
    }()
}
