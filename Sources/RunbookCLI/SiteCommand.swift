import ArgumentParser
import Foundation
import RunbookKit

/// `runbook site`: the public docs site, with the runbook and the personaliser.
struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Build the docs site: its pages, the example runbook and the personaliser.",
        discussion: """
            Reads <source>/site.json and its Markdown pages, renders them in the runbook's layout, \
            checks every internal link, then writes the pages to <output> and prints their paths. \
            A broken link fails the build with its file and target.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The site folder, with site.json and pages/.", valueName: "dir"))
    var source = "Site"

    @Option(name: .long, help: ArgumentHelp("The folder that receives the site.", valueName: "dir"))
    var output = "site-out"

    @OptionGroup var templates: TemplateOptions

    func run() throws {
        let files = try Diagnostics.reporting { () throws(RunbookError) -> [URL] in
            let date = try PublicationDate(environment: ProcessInfo.processInfo.environment, now: Date())
            let directory = try templates.directory()
            let templateSet = try TemplateSet(directory: directory)
            let renderer = try RunbookRenderer(templates: templateSet, date: date)
            let site = try SiteBuilder(source: URL(fileURLWithPath: source, isDirectory: true), renderer: renderer,
                                       regions: templates.regionTable(in: directory))
            return try site.build(into: URL(fileURLWithPath: output, isDirectory: true))
        }
        for file in files {
            print(file.relativePath)
        }
    }
}
