import Foundation

/// Builds the public docs site from a site folder (`Site/`): its Markdown pages, the runbook of
/// the source article's example tenant, and the personaliser, all in the runbook's own layout.
///
/// ```swift
/// let site = try SiteBuilder(source: siteFolder, renderer: renderer, regions: regions)
/// let files = try site.build(into: outputFolder)
/// ```
///
/// Every page is rendered, and every internal link checked, before the first file is written.
public struct SiteBuilder: Sendable {
    /// The site folder.
    public let source: URL
    /// The site's configuration, `site.json`.
    public let configuration: SiteConfiguration
    let renderer: RunbookRenderer
    let regions: RegionTable

    /// Reads the site's configuration.
    public init(source: URL, renderer: RunbookRenderer, regions: RegionTable) throws(RunbookError) {
        self.source = source
        configuration = try SiteConfiguration(contentsOf: source)
        self.renderer = renderer
        self.regions = regions
    }

    /// A page, rendered and not yet written.
    public struct RenderedPage: Sendable {
        /// The file name in the output folder.
        public var output: String
        /// The page's HTML.
        public var html: String
        /// The Markdown file the page came from, for errors.
        var source: URL
        var markdown: String
    }

    /// Renders every page and checks its links.
    public func render() throws(RunbookError) -> [RenderedPage] {
        let stylesheet = renderer.stylesheet.appending(try PageLayout.asset("site/site.css", in: renderer.templates))
        let example = try Runbook(tenant: TenantURL(.example, regions: regions))
        var pages: [RenderedPage] = []
        for page in configuration.pages {
            let file = source.appendingPathComponent(page.source)
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw RunbookError(.invalidSite, "cannot read \(file.path), a page of \(source.path)/site.json. Create it, "
                    + "or remove the page from site.json.")
            }
            let markdown = String(decoding: data, as: UTF8.self)
            let intro = renderer.parser.html(from: markdown)
            var layoutPage = PageLayout.Page(title: "\(page.title) – \(configuration.title)", body: intro,
                                             stylesheet: stylesheet, script: renderer.script, mainID: "content",
                                             navigation: navigation(current: page.output), indexable: true)
            switch page.kind {
            case .markdown:
                break
            case .runbook:
                // The page's note goes right under the runbook's title.
                let body = try renderer.body(for: example)
                let titleEnd = body.range(of: "\n\n")?.upperBound ?? body.startIndex
                layoutPage.body = renderer.parser.html(from: body[..<titleEnd] + markdown + "\n\n" + body[titleEnd...])
                layoutPage.mainID = "runbook"
                layoutPage.tenantID = example.tenant.tenantID.rawValue
            case .personalizer:
                layoutPage.body = try personalizer(page, intro: intro, example: example)
                layoutPage.script = renderer.script.appending(try PageLayout.asset("site/personalize.js", in: renderer.templates))
            }
            pages.append(RenderedPage(output: page.output, html: try renderer.layout.render(layoutPage, generator: renderer.generator),
                                      source: file, markdown: markdown))
        }
        try LinkChecker(pages: pages).check(pages)
        return pages
    }

    /// Renders the site and writes it into `output`, each file atomically; returns the files.
    @discardableResult
    public func build(into output: URL) throws(RunbookError) -> [URL] {
        try write(render(), into: output)
    }

    /// Writes rendered pages into `output`, each file atomically; returns the files.
    public func write(_ pages: [RenderedPage], into output: URL) throws(RunbookError) -> [URL] {
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        } catch {
            throw RunbookError(.cannotWrite, "cannot create the folder \(output.relativePath): \(error.localizedDescription). "
                + "Choose another --output folder.")
        }
        var written: [URL] = []
        for page in pages {
            let file = output.appendingPathComponent(page.output)
            try RunbookWriter.write(Data(page.html.utf8), to: file)
            written.append(file)
        }
        return written
    }

    /// The form, the data the script needs, and the example tenant's runbook it rewrites.
    private func personalizer(_ page: SiteConfiguration.Page, intro: String, example: Runbook) throws(RunbookError) -> String {
        let context = TemplateContext()
        context.set("pageTitle", page.title)
        context.set("tenantID", example.tenant.tenantID.rawValue)
        context.set("intro", html: intro)
        context.set("runbook", html: renderer.parser.html(from: try renderer.body(for: example)))
        context.set("data", html: personalizerData(example: example.tenant))
        return try renderer.templates.render("site/personalize", with: context)
    }

    /// The region table and the example tenant's values, as JSON safe inside `<script>`.
    private func personalizerData(example: TenantURL) -> String {
        struct Data: Encodable {
            struct Values: Encodable { var host, tenant, regionKey, regionName: String }
            var regions: [[String: String]]
            var example: Values
        }
        let data = Data(regions: regions.regions.map { ["key": $0.key, "host": $0.host, "name": $0.name] },
                        example: .init(host: example.region.host, tenant: example.tenantID.rawValue,
                                       regionKey: example.region.key, regionName: example.region.name))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings cannot fail; "<" is escaped so no text can close the <script> element.
        return String(decoding: try! encoder.encode(data), as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
    }

    /// The navigation links, for a page in the output folder or, with `prefix` `../`, in a sub-folder.
    private func navigation(current: String?, prefix: String = "") -> String {
        configuration.pages.compactMap { page in
            page.navigation.map { name in
                let currentAttribute = page.output == current ? " aria-current=\"page\"" : ""
                return "<a href=\"\((prefix + page.output).htmlEscaped)\"\(currentAttribute)>\(name.htmlEscaped)</a>"
            }
        }.joined()
    }

    /// Writes a runbook page for every tenant of `list` into `<output>/tenants/<tenant-id>.html`,
    /// in the site's layout, after the site itself: rows stream through one at a time, and a bad
    /// row is reported through `onEvent` and skipped, as in a batch.
    public func buildTenantPages(_ list: TenantList, into output: URL, sitePages: [RenderedPage],
                                 onEvent: (RunbookBatch.Event) -> Void = { _ in }) throws(RunbookError) -> RunbookBatch.Summary {
        let folder = output.appendingPathComponent("tenants", isDirectory: true)
        try RunbookWriter.createFolder(folder)
        let stylesheet = renderer.stylesheet.appending(try PageLayout.asset("site/site.css", in: renderer.templates))
        let validator = RunbookBatch(renderer: renderer, regions: regions, writer: RunbookWriter(output: folder), formats: [])
        var checker = LinkChecker(pages: sitePages)
        var seen = RunbookBatch.SeenTenants()
        var summary = RunbookBatch.Summary(manifest: folder)
        try list.forEachRow { (row: TenantRow) throws(RunbookError) in
            summary.rows += 1
            do throws(RunbookBatch.RowFailure) {
                let tenant = try validator.validate(row, seen: &seen).tenant
                let runbook = Runbook(tenant: tenant, customer: row.values[.customer])
                let title = "Runbook for \(runbook.customer ?? "tenant \(tenant.tenantID)") – \(configuration.title)"
                let html = try Result { () throws(RunbookError) in
                    try renderer.layout.render(PageLayout.Page(
                        title: title, body: renderer.parser.html(from: try renderer.body(for: runbook)), stylesheet: stylesheet,
                        script: renderer.script, tenantID: tenant.tenantID.rawValue,
                        navigation: navigation(current: nil, prefix: "../")), generator: renderer.generator)
                }.mapError { RunbookBatch.RowFailure(error: $0, tenant: tenant) }.get()
                let page = RenderedPage(output: "tenants/\(tenant.tenantID).html", html: html, source: list.url, markdown: "")
                checker.add(page)
                try Result { () throws(RunbookError) in try checker.check(page) }
                    .mapError { RunbookBatch.RowFailure(error: $0, tenant: tenant) }.get()
                let file = folder.appendingPathComponent("\(tenant.tenantID).html")
                try Result { () throws(RunbookError) in try RunbookWriter.write(Data(html.utf8), to: file) }
                    .mapError { RunbookBatch.RowFailure(error: $0, tenant: tenant) }.get()
                summary.written += 1
                onEvent(.written(row, tenant: tenant, files: [file]))
            } catch {
                if error.error.code == .cannotWrite { throw error.error }
                summary.failed += 1
                onEvent(.failed(row, error.error, tenant: error.tenant))
            }
        }
        return summary
    }
}
