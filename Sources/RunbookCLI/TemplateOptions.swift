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

    /// The templates folder: `--templates`, else the one installed with the binary.
    func directory() throws(RunbookError) -> URL {
        if let templates { return URL(fileURLWithPath: templates, isDirectory: true) }
        return try TemplateSet.shippedDirectory()
    }

    /// The shipped region table plus any `--regions` file, with a note for every region added
    /// unless `quietly` (a worker process, whose parent has said it).
    func regionTable(in directory: URL, quietly: Bool = false) throws(RunbookError) -> RegionTable {
        var table = try RegionTable(contentsOf: directory.appendingPathComponent("regions.json"))
        if let regions {
            let added = try table.add(RegionTable(contentsOf: URL(fileURLWithPath: regions)), from: regions)
            for region in added where !quietly {
                Diagnostics.printNote("added region \(region.key) (\(region.host)) from \(regions)")
            }
        }
        return table
    }

    /// The same options for a worker process: the resolved templates folder and any regions file.
    func workerArguments() throws(RunbookError) -> [String] {
        ["--templates", try directory().path] + (regions.map { ["--regions", $0] } ?? [])
    }
}
