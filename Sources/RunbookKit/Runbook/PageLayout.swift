import Crypto
import Foundation

/// The one HTML layout of every page `runbook` writes, `html/page.mustache`: a self-contained
/// file whose inline CSS and script are allowed by SHA-256 in its Content-Security-Policy.
struct PageLayout: Sendable {
    /// Inline CSS or script, with the CSP source that allows it: hashed once, not per page.
    struct InlineAsset: Sendable {
        let text: String
        /// `'sha256-…'`, for the page's Content-Security-Policy.
        let source: String

        init(_ text: String) {
            self.text = text
            source = "'sha256-\(Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString())'"
        }

        /// This asset followed by another, as one element.
        func appending(_ other: String) -> InlineAsset { InlineAsset(text + "\n" + other) }
    }

    /// What goes into one page.
    struct Page {
        var title: String
        var body: String
        var stylesheet: InlineAsset
        var script: InlineAsset
        var mainID = "runbook"
        var tenantID: String?
        var navigation: String?
        var indexable = false
    }

    let templates: TemplateSet

    func render(_ page: Page, generator: String) throws(RunbookError) -> String {
        let context = TemplateContext()
        context.set("pageTitle", page.title.trimmingPasteWhitespace().description)
        context.set("generator", generator)
        context.set("mainID", page.mainID)
        context.set("tenantID", page.tenantID)
        context.set("indexable", page.indexable)
        context.set("body", html: page.body)
        context.set("css", html: page.stylesheet.text)
        context.set("script", html: page.script.text)
        context.set("cspStyleSource", html: page.stylesheet.source)
        context.set("cspScriptSource", html: page.script.source)
        if let navigation = page.navigation {
            context.set("navigation", html: navigation)
        } else {
            context.set("navigation", nil)
        }
        return try templates.render("html/page", with: context)
    }

    /// Reads an inline asset, refusing text that would end its element early.
    static func asset(_ path: String, in templates: TemplateSet) throws(RunbookError) -> String {
        let text = String(decoding: try templates.file(path), as: UTF8.self)
        let closing = path.hasSuffix(".css") ? "</style" : "</script"
        guard text.range(of: closing, options: .caseInsensitive) == nil else {
            throw RunbookError(
                .invalidTemplate,
                "\(templates.directory.path)/\(path) contains ‘\(closing)’, which would end "
                    + "the inline element early. Write it as ‘<\\/\(closing.dropFirst(2))’ inside strings.")
        }
        return text
    }
}
