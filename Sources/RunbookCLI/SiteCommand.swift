import ArgumentParser
import Foundation
import RunbookKit

/// `runbook site`: the public docs site, with the runbook and the personaliser.
struct SiteCommand: ParsableCommand, BatchWorkerCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Build the docs site: its pages, the example runbook and the personaliser.",
        discussion: """
            Reads <source>/site.json and its Markdown pages, renders them in the runbook's layout, \
            checks every internal link, then writes the pages to <output> and prints their paths. \
            A broken link fails the build with its file and target. With --tenants, it also writes \
            a runbook page per tenant under <output>/tenants/.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The site folder, with site.json and pages/.", valueName: "dir"))
    var source = "Site"

    @Option(name: .long, help: ArgumentHelp("The folder that receives the site.", valueName: "dir"))
    var output = "site-out"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also write a runbook page for every tenant of a CSV or JSON file, "
                + "under <output>/tenants/.", valueName: "file"))
    var tenants: String?

    @OptionGroup var workers: WorkerOptions

    @OptionGroup var templates: TemplateOptions

    func validate() throws {
        if tenants == nil, workers.jobs != nil {
            throw ValidationError("--jobs applies to --tenants.")
        }
    }

    private var outputFolder: URL { URL(fileURLWithPath: output, isDirectory: true) }

    /// The site and its rendered pages. A worker says nothing its batch has said, and renders the
    /// pages only to check links against them, so without the personaliser's downloads.
    private func site(asWorker: Bool = false) throws -> (SiteBuilder, [SiteBuilder.RenderedPage]) {
        try Diagnostics.reporting { () throws(RunbookError) -> (SiteBuilder, [SiteBuilder.RenderedPage]) in
            let setup = try templates.setup(quietly: asWorker)
            let site = try SiteBuilder(
                source: URL(fileURLWithPath: source, isDirectory: true), renderer: try setup.renderer(),
                regions: setup.regions)
            return (site, try site.render(downloads: !asWorker))
        }
    }

    func serveAsWorker() throws {
        let (site, pages) = try site(asWorker: true)
        try Diagnostics.reporting { () throws(RunbookError) in
            try site.serveTenantPageWorker(sitePages: pages, into: outputFolder, input: .standardInput, output: .standardOutput)
        }
    }

    func run() throws {
        let (site, pages) = try site()
        for file in try Diagnostics.reporting({ () throws(RunbookError) in try site.write(pages, into: outputFolder) }) {
            print(file.relativePath)
        }
        guard let tenants else { return }
        let summary = try Diagnostics.reporting { () throws(RunbookError) -> RunbookBatch.Summary in
            let list = try TenantList(contentsOf: URL(fileURLWithPath: tenants))
            list.notes.forEach { Diagnostics.printNote($0) }
            let workers = BatchWorkers.thisExecutable(count: workers.jobs, date: site.renderer.date)
            return try site.buildTenantPages(list, into: outputFolder, sitePages: pages, workers: workers) { event in
                if case .failed(let row, let error, let tenant) = event {
                    Diagnostics.printError(
                        "\(row.place)\(tenant.map { " (tenant \($0.tenantID))" } ?? ""): error[\(error.code)]: \(error.message)")
                }
            }
        }
        Diagnostics.printError(
            "wrote \(summary.written) of \(summary.rows) tenant pages to \(output)/tenants"
                + (summary.failed > 0 ? "; \(summary.failed) failed" : ""))
        if summary.failed > 0 { throw ExitCode.failure }
    }
}
