import Foundation

/// What every command builds before it works, built one way: the templates folder (given, or
/// the one installed with the binary), the region table with any regions file, and on demand
/// the publication date and a renderer, or the catalogue of Entra's messages.
///
/// ```swift
/// let setup = try RunbookSetup(templates: nil, regionsFile: nil)
/// let tenant = try TenantURL(input, regions: setup.regions)
/// let markdown = try setup.renderer().markdown(for: Runbook(tenant: tenant))
/// ```
public struct RunbookSetup: Sendable {
    /// The templates folder.
    public let templatesDirectory: URL
    /// The shipped region table, plus the regions of any regions file.
    public let regions: RegionTable
    /// The regions the regions file added, for the note that says so.
    public let addedRegions: [Region]

    /// Finds the templates and reads the region table.
    ///
    /// - Parameters:
    ///   - templates: A templates folder, or `nil` for the one installed with the binary.
    ///   - regionsFile: A regions file whose on-premises hosts are added, or `nil`.
    public init(templates: String?, regionsFile: String?) throws(RunbookError) {
        if let templates {
            templatesDirectory = URL(fileURLWithPath: templates, isDirectory: true)
        } else {
            templatesDirectory = try TemplateSet.shippedDirectory()
        }
        try TemplateSet.checkFolder(templatesDirectory)
        var table = try RegionTable(contentsOf: templatesDirectory.appendingPathComponent("regions.json"))
        if let regionsFile {
            addedRegions = try table.add(RegionTable(contentsOf: URL(fileURLWithPath: regionsFile)), from: regionsFile)
        } else {
            addedRegions = []
        }
        regions = table
    }

    /// A renderer of the templates, dated by `SOURCE_DATE_EPOCH` when it is set, else `now`.
    public func renderer(
        environment: [String: String] = ProcessInfo.processInfo.environment, now: Date = Date()
    ) throws(RunbookError) -> RunbookRenderer {
        let date = try PublicationDate(environment: environment, now: now)
        return try RunbookRenderer(templates: TemplateSet(directory: templatesDirectory), date: date)
    }

    /// The catalogue of Entra's messages of the templates.
    public func catalogue() throws(RunbookError) -> EntraCatalogue {
        try EntraCatalogue(templatesDirectory: templatesDirectory)
    }
}
