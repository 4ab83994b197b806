import Foundation
import Testing

@testable import RunbookKit

@Suite("Region table")
struct RegionTableTests {
    static let onPremises = #"{"regions": [{"key": "acme-onprem", "host": "aiware.acme.example", "name": "Acme on-premises"}]}"#

    @Test("finds regions by key in any ASCII case, and hosts exactly")
    func lookups() {
        #expect(Fixtures.regions.region(forKey: "UK-1")?.host == "api.uk-1.veritone.com")
        #expect(Fixtures.regions.region(forHost: "api.uk-1.veritone.com")?.key == "uk-1")
        #expect(Fixtures.regions.region(forHost: "API.UK-1.VERITONE.COM") == nil)
        #expect(Fixtures.regions.region(forHost: "uk-1.veritone.com") == nil)
    }

    @Test("a regions file adds an on-premises host, and only then is it accepted")
    func addsOnPremisesHost() throws {
        let url = "https://aiware.acme.example/v1/admin/openid/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/login"
        #expect(throws: RunbookError.self) { try TenantURL(TenantInput(url: url), regions: Fixtures.regions) }

        var table = Fixtures.regions
        let added = try table.add(RegionTable(json: Data(Self.onPremises.utf8), path: "onprem.json"), from: "onprem.json")
        #expect(added.map(\.key) == ["acme-onprem"])
        let tenant = try TenantURL(TenantInput(url: url), regions: table)
        #expect(tenant.absoluteString == "https://aiware.acme.example/v1/admin/scim/16f982b7-17fa-4c6c-a17b-9e7e018d42c0")
        #expect(tenant.region.name == "Acme on-premises")
    }

    @Test("adding a region the table already holds adds nothing")
    func idempotent() throws {
        var table = Fixtures.regions
        let same = #"{"regions": [{"key": "us-1", "host": "api.us-1.veritone.com", "name": "United States (production)"}]}"#
        #expect(try table.add(RegionTable(json: Data(same.utf8), path: "same.json"), from: "same.json").isEmpty)
        #expect(table == Fixtures.regions)
    }

    struct BadFile: Sendable, CustomTestStringConvertible {
        var name: String
        var json: String
        var mentions: [String]
        var testDescription: String { name }
    }

    static let badFiles: [BadFile] = [
        BadFile(name: "not JSON", json: "{regions:", mentions: ["regions.json is not a regions file", "not valid JSON"]),
        BadFile(name: "no regions", json: "{}", mentions: ["has no \"regions\""]),
        BadFile(name: "no host", json: #"{"regions": [{"key": "x"}]}"#, mentions: ["at .regions[0]", "has no \"host\""]),
        BadFile(
            name: "a URL for a host", json: #"{"regions": [{"key": "x", "host": "https://a.example"}]}"#,
            mentions: ["‘https://a.example’", "not a DNS host name", "no scheme, port, path or IP address"]),
        BadFile(name: "an IP address", json: #"{"regions": [{"key": "x", "host": "192.0.2.1"}]}"#, mentions: ["‘192.0.2.1’"]),
        BadFile(name: "a single label", json: #"{"regions": [{"key": "x", "host": "localhost"}]}"#, mentions: ["‘localhost’"]),
        BadFile(name: "an empty key", json: #"{"regions": [{"key": "", "host": "a.example"}]}"#, mentions: ["region key ‘’"]),
        BadFile(
            name: "a key with a space", json: #"{"regions": [{"key": "on prem", "host": "a.example"}]}"#,
            mentions: ["‘on prem’", "lower-case letters, digits, dots and hyphens"]),
        BadFile(
            name: "a repeated key", json: #"{"regions": [{"key": "x", "host": "a.example"}, {"key": "x", "host": "b.example"}]}"#,
            mentions: ["defines region x as b.example", "already a.example"]),
    ]

    @Test("explains what is wrong with a regions file", arguments: badFiles)
    func badFile(_ file: BadFile) {
        let error = #expect(throws: RunbookError.self) {
            try RegionTable(json: Data(file.json.utf8), path: "regions.json")
        }
        #expect(error?.code == .invalidRegions)
        for mention in file.mentions {
            #expect(error?.message.contains(mention) == true, "\(error?.message ?? "") does not mention \(mention)")
        }
    }

    @Test("a regions file may not redefine a shipped region, and then adds nothing")
    func noRedefinition() throws {
        var table = Fixtures.regions
        let json = #"{"regions": [{"key": "new-1", "host": "new.example"}, {"key": "us-1", "host": "evil.example"}]}"#
        let error = #expect(throws: RunbookError.self) {
            try table.add(RegionTable(json: Data(json.utf8), path: "evil.json"), from: "evil.json")
        }
        #expect(
            error?.message.contains("evil.json defines region us-1 as evil.example, but it is already api.us-1.veritone.com")
                == true)
        #expect(table == Fixtures.regions)

        let hijack = #"{"regions": [{"key": "mine", "host": "api.us-1.veritone.com"}]}"#
        #expect(throws: RunbookError.self) {
            try table.add(RegionTable(json: Data(hijack.utf8), path: "hijack.json"), from: "hijack.json")
        }
    }
}
