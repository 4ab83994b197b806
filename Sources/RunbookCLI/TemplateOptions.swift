import ArgumentParser
import Foundation
import RunbookKit

/// Where templates and regions come from: `--templates` and `--regions`.
struct TemplateOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A templates folder to use instead of the one that ships with runbook.",
            valueName: "dir"))
    var templates: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A regions file (the shape of Templates/regions.json) whose on-premises hosts are added for this run.",
            valueName: "file"))
    var regions: String?

    /// The set-up these options ask for, with a note for every region added unless `quietly`
    /// (a worker process, whose parent has said it).
    func setup(quietly: Bool = false) throws(RunbookError) -> RunbookSetup {
        let setup = try RunbookSetup(templates: templates, regionsFile: regions)
        for region in setup.addedRegions where !quietly {
            Diagnostics.printNote("added region \(region.key) (\(region.host)) from \(regions ?? "")")
        }
        return setup
    }
}
