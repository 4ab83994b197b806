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
    /// The catalogue of Entra's messages, whose table every runbook carries.
    public let messages: EntraCatalogue
    let parser: MarkdownParser
    let layout: PageLayout
    let stylesheet: PageLayout.InlineAsset
    let script: PageLayout.InlineAsset

    /// Creates a renderer; reads the page's stylesheet, script and the catalogue of Entra's
    /// messages once.
    public init(templates: TemplateSet, date: PublicationDate, parser: MarkdownParser = MarkdownParser()) throws(RunbookError) {
        self.templates = templates
        self.date = date
        self.parser = parser
        messages = try templates.entraCatalogue()
        layout = PageLayout(templates: templates)
        stylesheet = PageLayout.InlineAsset(try PageLayout.asset("html/runbook.css", in: templates))
        script = PageLayout.InlineAsset(try PageLayout.asset("html/runbook.js", in: templates))
    }

    /// The generator line printed in runbooks and pages.
    var generator: String { "runbook \(Self.version)" }

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

    /// The runbook in each of `formats`, rendering the shared Markdown only once. `envelope`
    /// addresses the `eml` draft.
    public func documents(
        for runbook: Runbook, formats: [RunbookFormat],
        envelope: EmailEnvelope = EmailEnvelope()
    ) throws(RunbookError) -> [RunbookDocument] {
        let context = context(for: runbook)
        let body = try templates.render("runbook/runbook", with: context)
        var documents: [RunbookDocument] = []
        for format in formats {
            let text =
                switch format {
                case .markdown: try templates.render("runbook/front-matter", with: context) + body
                case .html: try page(body: body, context: context)
                case .eml: try email(body: body, context: context, envelope: envelope).serialized
                }
            documents.append(RunbookDocument(format: format, text: text))
        }
        return documents
    }

    /// The mail draft of a runbook: an introduction, then the runbook, as text and as HTML.
    private func email(body: String, context: TemplateContext, envelope: EmailEnvelope) throws(RunbookError) -> RunbookEmail {
        let subject = try templates.render("email/subject", with: context).trimmingPasteWhitespace().description
        let markdown = try templates.render("email/intro", with: context) + "\n" + body
        let mailParser = MarkdownParser(extensions: parser.extensions, options: parser.options, features: .email)
        let layout = TemplateContext()
        layout.set("subject", subject)
        layout.set("font", html: EmailStyler.font)
        layout.set("body", html: EmailStyler.style(mailParser.html(from: markdown)))
        return RunbookEmail(
            subject: subject, text: mailParser.plainText(from: markdown),
            html: try templates.render("email/layout", with: layout), date: date, envelope: envelope)
    }

    private func page(body markdown: String, context: TemplateContext) throws(RunbookError) -> String {
        let title = try templates.render("html/runbook-title", with: context)
        return try layout.render(
            PageLayout.Page(
                title: title, body: parser.html(from: markdown), stylesheet: stylesheet,
                script: script, tenantID: context.text("tenantID")), generator: generator)
    }

    /// The Markdown body of a runbook, without front matter: what the HTML page and the site render.
    func body(for runbook: Runbook) throws(RunbookError) -> String {
        try templates.render("runbook/runbook", with: context(for: runbook))
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
        context.set("generator", generator)
        context.set("onPremises", tenant.region.isOnPremises)
        context.set(
            "messagePlaces",
            list: messages.places.map { place in
                let item = TemplateContext()
                item.set("title", place.title)
                item.set("messages", list: messages.messages(in: place.key).map(Self.context(for:)))
                return item
            })
        return context
    }

    /// One row of the runbook's table of Entra's messages.
    private static func context(for message: EntraMessage) -> TemplateContext {
        let item = TemplateContext()
        // Names and codes read best as code, each on its own; a sentence as a quotation.
        let shows =
            if !message.statuses.isEmpty {
                "Response Status Code: " + EntraCatalogue.list(message.statuses.map(\.name.markdownCodeSpan))
            } else if !message.codes.isEmpty {
                EntraCatalogue.list(message.codes.map(\.markdownCodeSpan))
            } else if !message.verbatim {
                "*\(message.shows.markdownEscaped)* (a description, not Entra's words)"
            } else if message.shows.contains(" ") {
                "“\(message.shows.markdownEscaped)”"
            } else {
                message.shows.markdownCodeSpan
            }
        item.set("shows", markdown: shows)
        item.set("meaning", message.meaning)
        item.set("causes", message.causes.joined(separator: "; "))
        let evidence =
            switch message.evidence {
            case .documented: "Documented"
            case .observed: "Observed in the field, not documented"
            case .inferred: "Inferred"
            }
        item.set("evidence", evidence)
        item.set("evidenceNote", message.evidenceNote)
        item.set("footnotes", markdown: message.footnotes.map { "[^\($0)]" }.joined())
        item.set("fix", message.fix)
        item.set("check", message.check?.title)
        item.set("rehearses", message.check?.isRehearsal ?? false)
        return item
    }
}
