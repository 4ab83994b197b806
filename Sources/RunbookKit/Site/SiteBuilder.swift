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
    /// The renderer every page goes through.
    public let renderer: RunbookRenderer
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

    /// Renders every page and checks its links. Without `downloads`, the personaliser carries no
    /// download templates, which cost ten renderings of the runbook: for a tenant page worker,
    /// which renders the site only to check links against it.
    public func render(downloads: Bool = true) throws(RunbookError) -> [RenderedPage] {
        let stylesheet = renderer.stylesheet.appending(try PageLayout.asset("site/site.css", in: renderer.templates))
        let example = try Runbook(tenant: TenantURL(.example, regions: regions))
        var pages: [RenderedPage] = []
        for page in configuration.pages {
            let file = source.appendingPathComponent(page.source)
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw RunbookError(
                    .invalidSite,
                    "cannot read \(file.path), a page of \(source.path)/site.json. Create it, "
                        + "or remove the page from site.json.")
            }
            let markdown = String(decoding: data, as: UTF8.self)
            let intro = renderer.parser.html(from: markdown)
            var layoutPage = PageLayout.Page(
                title: "\(page.title) – \(configuration.title)", body: intro,
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
                layoutPage.body = try personalizer(page, intro: intro, example: example, downloads: downloads)
                layoutPage.script = renderer.script.appending(try PageLayout.asset("site/personalize.js", in: renderer.templates))
            }
            pages.append(
                RenderedPage(
                    output: page.output, html: try renderer.layout.render(layoutPage, generator: renderer.generator),
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
            throw RunbookError(
                .cannotWrite,
                "cannot create the folder \(output.relativePath): \(error.localizedDescription). "
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
    private func personalizer(
        _ page: SiteConfiguration.Page, intro: String, example: Runbook, downloads: Bool
    ) throws(RunbookError) -> String {
        let context = TemplateContext()
        context.set("pageTitle", page.title)
        context.set("tenantID", example.tenant.tenantID.rawValue)
        context.set("intro", html: intro)
        context.set("runbook", html: renderer.parser.html(from: try renderer.body(for: example)))
        context.set("data", html: try personalizerData(example: example.tenant, downloads: downloads))
        return try renderer.templates.render("site/personalize", with: context)
    }

    /// The region table, the example tenant's values and, with `downloads`, the downloads'
    /// templates, as JSON safe inside `<script>`.
    private func personalizerData(example: TenantURL, downloads: Bool) throws(RunbookError) -> String {
        struct Data: Encodable {
            struct Values: Encodable { var host, tenant, regionKey, regionName: String }
            var regions: [[String: String]]
            var example: Values
            var downloads: Downloads?
        }
        /// What `runbook render` would write on the site's date; `regions` are the keys of
        /// the regions whose runbooks both templates reproduce, `onPremises` those of the
        /// on-premises regions, which never are (the page says why a region is left out),
        /// `templates` the template folder when it is not the one `runbook` ships.
        struct Downloads: Encodable {
            var date: String
            var sourceDateEpoch: Int64
            var templates: String?
            var regions: [String]
            var onPremises: [String]
            var markdown, html: DownloadTemplate
        }
        let templates = downloads ? try DownloadTemplate.make(renderer: renderer, regions: regions) : nil
        let data = Data(
            regions: regions.regions.map { ["key": $0.key, "host": $0.host, "name": $0.name] },
            example: .init(
                host: example.region.host, tenant: example.tenantID.rawValue,
                regionKey: example.region.key, regionName: example.region.name),
            downloads: templates.map { templates in
                Downloads(
                    date: renderer.date.description, sourceDateEpoch: renderer.date.secondsSince1970,
                    templates: usesShippedTemplates ? nil : renderer.templates.directory.path,
                    regions: templates.regions, onPremises: regions.regions.filter(\.isOnPremises).map(\.key),
                    markdown: templates.markdown, html: templates.html)
            })
        let encoder = JSONEncoder.runbook()
        // Encoding strings cannot fail; "<" is escaped so no text can close the <script> element.
        var json: [UInt8] = []
        for byte in try! encoder.encode(data) {
            if byte == UInt8(ascii: "<") { json += #"\u003c"#.utf8 } else { json.append(byte) }
        }
        return String(decoding: json, as: UTF8.self)
    }

    /// Whether the renderer's templates are the ones `runbook` ships, which `runbook render`
    /// uses without `--templates`.
    private var usesShippedTemplates: Bool {
        guard let shipped = try? TemplateSet.shippedDirectory() else { return false }
        return shipped.standardizedFileURL.resolvingSymlinksInPath()
            == renderer.templates.directory.standardizedFileURL.resolvingSymlinksInPath()
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
    /// row is reported through `onEvent` and skipped, as in a batch. With `workers`, pages are
    /// rendered by worker processes (``serveTenantPageWorker(sitePages:into:input:output:)``)
    /// and come out the same bytes.
    public func buildTenantPages(
        _ list: TenantList, into output: URL, sitePages: [RenderedPage], workers: BatchWorkers? = nil,
        onEvent: (RunbookBatch.Event) -> Void = { _ in }
    ) throws(RunbookError) -> RunbookBatch.Summary {
        let pages = try TenantPages(site: self, sitePages: sitePages, output: output)
        try RunbookWriter.createFolder(pages.folder)
        return try pages.batch.process(
            list, workers: workers, summary: RunbookBatch.Summary(manifest: pages.folder),
            perform: pages.outcome(of:), record: { _ in }, onEvent: onEvent)
    }

    /// Serves as a worker of ``buildTenantPages(_:into:sitePages:workers:onEvent:)``: renders,
    /// checks and writes each tenant page it is sent.
    public func serveTenantPageWorker(
        sitePages: [RenderedPage], into output: URL,
        input: FileHandle, output channel: FileHandle
    ) throws(RunbookError) {
        let pages = try TenantPages(site: self, sitePages: sitePages, output: output)
        BatchWorkers.serve(input: input, output: channel, perform: pages.outcome(of:))
    }

    /// What every tenant page shares: the layout's assets, the site's pages to check links
    /// against, and the folder.
    private struct TenantPages {
        let site: SiteBuilder
        let folder: URL
        let stylesheet: PageLayout.InlineAsset
        let links: LinkChecker
        /// Validates rows exactly as `render --tenants` does.
        let batch: RunbookBatch

        init(site: SiteBuilder, sitePages: [RenderedPage], output: URL) throws(RunbookError) {
            self.site = site
            folder = output.appendingPathComponent("tenants", isDirectory: true)
            stylesheet = site.renderer.stylesheet.appending(try PageLayout.asset("site/site.css", in: site.renderer.templates))
            links = LinkChecker(pages: sitePages)
            batch = RunbookBatch(
                renderer: site.renderer, regions: site.regions, writer: RunbookWriter(output: folder), formats: [])
        }

        /// Renders and writes a job's page, as a worker or this process does.
        func outcome(of job: BatchWorkers.Job) -> BatchWorkers.Outcome {
            BatchWorkers.outcome(
                of: job,
                Result { () throws(RunbookError) in try write(batch.tenant(of: job), customer: job.customer) })
        }

        /// Renders a tenant's page, checks its links against the site and itself, and writes it.
        func write(_ tenant: TenantURL, customer: String?) throws(RunbookError) -> [RunbookBatch.WrittenFile] {
            let renderer = site.renderer
            let runbook = Runbook(tenant: tenant, customer: customer)
            let title = "Runbook for \(runbook.customer ?? "tenant \(tenant.tenantID)") – \(site.configuration.title)"
            let html = try renderer.layout.render(
                PageLayout.Page(
                    title: title, body: renderer.parser.html(from: try renderer.body(for: runbook)), stylesheet: stylesheet,
                    script: renderer.script, tenantID: tenant.tenantID.rawValue,
                    navigation: site.navigation(current: nil, prefix: "../")), generator: renderer.generator)
            let file = folder.appendingPathComponent("\(tenant.tenantID).html")
            let page = RenderedPage(output: "tenants/\(tenant.tenantID).html", html: html, source: file, markdown: "")
            var links = links
            links.add(page)
            try links.check(page)
            try RunbookWriter.write(Data(html.utf8), to: file)
            // The site keeps no manifest, so its pages need no digest.
            return [RunbookBatch.WrittenFile(path: "\(tenant.tenantID).html", digest: nil)]
        }
    }
}
