import ArgumentParser
import Foundation
import RunbookKit

/// `runbook render`: a personalised runbook for one tenant, as Markdown and HTML.
struct RenderCommand: ParsableCommand, BatchWorkerCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Write a personalised runbook for one tenant.",
        discussion: """
            Writes <output>/<tenant-id>/runbook.md and runbook.html (and runbook.eml, a mail draft, \
            with --format eml) and prints their paths. With no tenant it renders the source \
            article's example tenant. Dates come from SOURCE_DATE_EPOCH when it is set.

            Example:
              runbook render 'https://api.uk-1.veritone.com/v1/admin/openid/0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11/login' \\
                --customer 'Contoso Ltd' --output runbooks
            """
    )

    @OptionGroup var tenant: TenantOptions

    @Option(name: .long, help: ArgumentHelp("The customer's name, printed in the runbook.", valueName: "name"))
    var customer: String?

    @Option(name: .long, help: ArgumentHelp("Comma-separated formats to write: md, html, eml.", valueName: "formats"))
    var format = "md,html"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The eml draft's From, such as 'Veritone Support <support@veritone.com>'.",
            valueName: "address"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("The eml draft's To; repeat for more recipients.", valueName: "address"))
    var to: [String] = []

    @Option(name: .long, help: ArgumentHelp("The folder that receives one folder per tenant.", valueName: "dir"))
    var output = "runbook-out"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Render every tenant of a CSV or JSON file (see README.md, \"Batches\").",
            valueName: "file"))
    var tenants: String?

    @OptionGroup var workers: WorkerOptions

    @Flag(name: .long, help: "With --tenants: print nothing but the manifest's path.")
    var quiet = false

    @Flag(name: .long, help: "With --tenants: also print every file written.")
    var verbose = false

    @OptionGroup var templates: TemplateOptions

    func validate() throws {
        if from != nil || !to.isEmpty, (try? RunbookFormat.list(from: format))?.contains(.eml) == false {
            throw ValidationError("--from and --to address the eml draft: add eml to --format, such as --format md,html,eml.")
        }
        if tenants != nil, !tenant.input.isEmpty || customer != nil || !to.isEmpty {
            throw ValidationError(
                "--tenants reads every tenant, customer and address from its file: leave out the URL, "
                    + "--region, --tenant-id, --customer and --to.")
        }
        if tenants == nil, quiet || verbose || workers.jobs != nil {
            throw ValidationError("--quiet, --verbose and --jobs apply to --tenants batches.")
        }
        if quiet && verbose {
            throw ValidationError("Choose --quiet or --verbose, not both.")
        }
    }

    func serveAsWorker() throws {
        try BatchRun(command: self, list: tenants ?? "").serve()
    }

    func run() throws {
        if let tenants {
            return try BatchRun(command: self, list: tenants).run()
        }
        let files = try Diagnostics.reporting { () throws(RunbookError) -> [URL] in
            let formats = try RunbookFormat.list(from: format)
            let envelope = formats.contains(.eml) ? try EmailEnvelope(from: from, to: to, customer: customer) : EmailEnvelope()
            let setup = try templates.setup()
            var input = tenant.input
            if input.isEmpty {
                input = .example
                Diagnostics.printNote(
                    "no tenant given; rendering the source article's example tenant "
                        + "(us-1, \(TenantID.example))")
            }
            let tenantURL = try TenantURL(input, regions: setup.regions)
            let documents = try setup.renderer().documents(
                for: Runbook(tenant: tenantURL, customer: customer), formats: formats,
                envelope: envelope)
            return try RunbookWriter(output: URL(fileURLWithPath: output, isDirectory: true)).write(documents, for: tenantURL)
                .map(\.url)
        }
        for file in files {
            print(file.relativePath)
        }
    }
}
