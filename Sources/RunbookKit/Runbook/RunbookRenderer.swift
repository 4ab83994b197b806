import Crypto
import Foundation

/// Renders runbooks from a ``TemplateSet``: Markdown through the Mustache templates, HTML by
/// running that Markdown through cmark-gfm and into the page layout.
///
/// ```swift
/// let renderer = try RunbookRenderer(templates: templates, date: date)
/// let markdown = try renderer.markdown(for: runbook)
/// ```
///
/// A renderer parses its templates once; reuse it for every runbook of a run.
public struct RunbookRenderer: Sendable {
    /// The version written into every runbook's front matter and page footer.
    public static let version = "0.1.0"

    /// A user name no directory holds: the filter value of the copy-and-paste Test Connection
    /// commands. RFC 7644 §7.5.2 warns that filter values reach logs, so never a real user.
    static let probeUserName = "00000000-0000-0000-0000-000000000000"

    /// The templates this renderer uses.
    public let templates: TemplateSet
    /// The date printed in every runbook.
    public let date: PublicationDate
    private let parser: MarkdownParser
    private let css: String
    private let cssSource: String

    /// Creates a renderer; reads the page stylesheet once.
    public init(templates: TemplateSet, date: PublicationDate, parser: MarkdownParser = MarkdownParser()) throws(RunbookError) {
        self.templates = templates
        self.date = date
        self.parser = parser
        css = String(decoding: try templates.file("html/runbook.css"), as: UTF8.self)
        cssSource = "'sha256-\(Data(SHA256.hash(data: Data(css.utf8))).base64EncodedString())'"
    }

    /// The runbook as GitHub-flavoured Markdown, front matter first.
    public func markdown(for runbook: Runbook) throws(RunbookError) -> String {
        let context = context(for: runbook)
        return try templates.render("runbook/front-matter", with: context) + templates.render("runbook/runbook", with: context)
    }

    /// The runbook as one self-contained HTML page.
    public func html(for runbook: Runbook) throws(RunbookError) -> String {
        let context = context(for: runbook)
        return try page(body: templates.render("runbook/runbook", with: context), context: context)
    }

    /// The runbook in each of `formats`, rendering the shared Markdown only once.
    public func documents(for runbook: Runbook, formats: [RunbookFormat]) throws(RunbookError) -> [RunbookDocument] {
        let context = context(for: runbook)
        let body = try templates.render("runbook/runbook", with: context)
        var documents: [RunbookDocument] = []
        for format in formats {
            let text = switch format {
            case .markdown: try templates.render("runbook/front-matter", with: context) + body
            case .html: try page(body: body, context: context)
            }
            documents.append(RunbookDocument(format: format, text: text))
        }
        return documents
    }

    private func page(body markdown: String, context: TemplateContext) throws(RunbookError) -> String {
        context.set("body", html: parser.html(from: markdown))
        context.set("css", html: css)
        context.set("cspStyleSource", html: cssSource)
        return try templates.render("html/page", with: context)
    }

    /// Every value a template may use. The names are part of the template contract (README.md).
    private func context(for runbook: Runbook) -> TemplateContext {
        let tenant = runbook.tenant
        let context = TemplateContext()
        context.set("customer", runbook.customer)
        context.set("tenantURL", tenant.absoluteString)
        context.set("tenantID", tenant.tenantID.rawValue)
        context.set("callbackURL", tenant.callbackURL)
        context.set("regionKey", tenant.region.key)
        context.set("regionHost", tenant.region.host)
        context.set("regionName", tenant.region.name)
        context.set("usersURL", "\(tenant.absoluteString)/Users")
        context.set("probeFilter", "filter=userName eq \"\(Self.probeUserName)\"")
        context.set("testConnectionURL", "\(tenant.absoluteString)/Users?filter=userName%20eq%20%22\(Self.probeUserName)%22")
        context.set("date", date.description)
        context.set("generator", "runbook \(Self.version)")
        return context
    }
}
