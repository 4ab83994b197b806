import Foundation
import RunbookTestSupport
import Testing

@testable import RunbookKit

/// The one set-up every command makes: templates, regions, date and renderer.
@Suite("The set-up every command makes", .temporaryFolders)
struct RunbookSetupTests {
    @Test("a templates folder, a regions file that adds a host, and a renderer dated by SOURCE_DATE_EPOCH")
    func setup() throws {
        let folder = try TemporaryFolders.make()
        let file = folder.appendingPathComponent("onprem.json")
        try Data(RegionTableTests.onPremises.utf8).write(to: file)
        let setup = try RunbookSetup(templates: Fixtures.templates.path, regionsFile: file.path)
        #expect(setup.addedRegions.map(\.key) == ["acme-onprem"])
        #expect(setup.regions.region(forHost: "aiware.acme.example")?.key == "acme-onprem")
        #expect(setup.regions.region(forHost: "api.us-1.veritone.com")?.key == "us-1")
        #expect(try setup.renderer(environment: ["SOURCE_DATE_EPOCH": "1764374400"]).date == Fixtures.date)
        #expect(try setup.catalogue() == Fixtures.messages)
    }

    @Test("a templates folder that is not there is named before anything is read from it")
    func missingTemplates() {
        do {
            _ = try RunbookSetup(templates: "/nonexistent", regionsFile: nil)
            Issue.record("a missing templates folder was accepted")
        } catch {
            #expect(error.code == .templatesNotFound)
            #expect(error.message.hasPrefix("the templates folder /nonexistent does not exist"))
        }
    }

    @Test("a bad SOURCE_DATE_EPOCH fails the renderer, not the set-up")
    func badDate() throws {
        let setup = try RunbookSetup(templates: Fixtures.templates.path, regionsFile: nil)
        #expect(setup.addedRegions.isEmpty)
        do {
            _ = try setup.renderer(environment: ["SOURCE_DATE_EPOCH": "yesterday"])
            Issue.record("a bad date was accepted")
        } catch {
            #expect(error.code == .invalidSourceDateEpoch)
        }
    }
}
