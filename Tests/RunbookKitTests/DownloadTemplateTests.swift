import Foundation
import RunbookTestSupport
import Testing

@testable import RunbookKit

@Suite("The personaliser's download templates", .temporaryFolders)
struct DownloadTemplateTests {
    static let made = try! DownloadTemplate.make(renderer: Fixtures.renderer, regions: Fixtures.regions)

    @Test(
        "filled in, the templates are the renderer's files, byte for byte, for every hosted region and any customer",
        arguments: [nil] + HostileValues.all)
    func reproducesTheRenderer(customer: String?) throws {
        #expect(Self.made.regions == Fixtures.regions.regions.map(\.key))
        for region in Fixtures.regions.regions {
            let runbook = Runbook(
                tenant: TenantURL(region: region, tenantID: TenantID("00000000-0000-4000-8000-000000000042")!),
                customer: customer)
            let rendered = try Fixtures.renderer.documents(for: runbook, formats: [.markdown, .html]).map(\.text)
            #expect(Self.made.markdown.filled(for: runbook) == rendered[0], "\(region.key), \(String(describing: customer))")
            #expect(Self.made.html.filled(for: runbook) == rendered[1], "\(region.key), \(String(describing: customer))")
        }
    }

    @Test("an on-premises region is left out: its runbook has a section the template lacks")
    func onPremisesRegion() throws {
        var regions = Fixtures.regions
        _ = try regions.add(
            RegionTable(
                json: Data(#"{"regions": [{"key": "acme", "host": "scim.acme.example", "name": "Acme"}]}"#.utf8),
                path: "acme.json"), from: "acme.json")
        let made = try DownloadTemplate.make(renderer: Fixtures.renderer, regions: regions)
        #expect(made.regions == ["us-1", "uk-1", "stage.us-1", "dev.us-1"])
    }

    @Test("templates that write the customer where filling in cannot reproduce it leave every region out")
    func irreproducibleTemplates() throws {
        // A heading's ID is made from its text, so the name would change the page in a second place.
        let runbook = try String(
            contentsOf: Fixtures.templates.appendingPathComponent("runbook/runbook.mustache"), encoding: .utf8)
        let directory = try TemplateSetTests.templates(
            replacing: "runbook/runbook.mustache",
            with: runbook.replacingOccurrences(
                of: "# Provision users", with: "# {{#customer}}{{customer}}: {{/customer}}Provision users"))
        let renderer = try RunbookRenderer(templates: TemplateSet(directory: directory), date: Fixtures.date)
        let made = try DownloadTemplate.make(renderer: renderer, regions: Fixtures.regions)
        #expect(made.regions.isEmpty)
    }

    @Test("a template holds each stand-in only as a hole, and each section once")
    func holes() throws {
        let json = String(decoding: try JSONEncoder.runbook().encode(Self.made.markdown), as: UTF8.self)
        for standIn in ["7f3a7f3a-0000-4000-8000-7f3a7f3a7f3a", "standin", "Standin"] {
            #expect(!json.contains(standIn))
        }
        #expect(json.contains(#"{"customer":["customer: ",{"value":"customerJSON"},"\n"]}"#))
        #expect(json.contains(#"{"noCustomer":["Prepared on 2025-11-29.\n"]}"#))
    }
}
