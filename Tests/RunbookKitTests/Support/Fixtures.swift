import Foundation
import RunbookTestSupport

@testable import RunbookKit

/// Files under `Tests/Fixtures` and the repository's own `Templates`, found from this source
/// file so tests never depend on the working directory.
enum Fixtures {
    static let repository = Repository.root
    static let directory = repository.appendingPathComponent("Tests/Fixtures")
    static let templates = repository.appendingPathComponent("Templates")
    static let snapshots = repository.appendingPathComponent("Tests/Snapshots")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    static let templateSet: TemplateSet = try! TemplateSet(directory: templates)
    static let regions: RegionTable = try! templateSet.regionTable()
    static let messages: EntraCatalogue = try! templateSet.entraCatalogue()
    static let date = PublicationDate(secondsSince1970: 1_764_374_400)  // 2025-11-29
    static let renderer: RunbookRenderer = try! RunbookRenderer(templates: templateSet, date: date)
}
