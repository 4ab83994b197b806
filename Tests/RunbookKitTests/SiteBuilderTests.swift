import Foundation
import RunbookTestSupport
import Testing

@testable import RunbookKit

@Suite("The docs site", .temporaryFolders)
struct SiteBuilderTests {
    static let site = Fixtures.repository.appendingPathComponent("Site")

    /// A copy of Site/ with some files replaced.
    static func site(replacing files: [String: String]) throws -> URL {
        let directory = try TemporaryFolders.make().appendingPathComponent("Site")
        try FileManager.default.copyItem(at: site, to: directory)
        for (path, text) in files {
            try Data(text.utf8).write(to: directory.appendingPathComponent(path))
        }
        return directory
    }

    func render(_ source: URL = site) throws -> [String: String] {
        let pages = try SiteBuilder(source: source, renderer: Fixtures.renderer, regions: Fixtures.regions).render()
        return Dictionary(uniqueKeysWithValues: pages.map { ($0.output, $0.html) })
    }

    @Test("builds the index, the example runbook, the personaliser and the docs pages")
    func pages() throws {
        let pages = try render()
        #expect(pages.keys.sorted() == ["index.html", "personalize.html", "runbook.html", "verify.html"])
        for (name, html) in pages {
            #expect(html.contains(#"<nav class="site-nav" aria-label="Site"><a href="index.html""#), "\(name)")
            #expect(html.contains(#"href="\#(name)" aria-current="page""#), "\(name)")
            #expect(!html.contains(#"name="robots""#), "\(name) is a public page")
        }
        #expect(
            pages["index.html"]?.contains(
                "<title>Provision Microsoft Entra ID users into Veritone aiWARE – aiWARE SCIM provisioning</title>") == true)
    }

    @Test("the runbook page is the example tenant's runbook, with the page's note under its title")
    func runbookPage() throws {
        let html = try #require(try render()["runbook.html"])
        #expect(html.contains(#"<main id="runbook" data-tenant="16f982b7-17fa-4c6c-a17b-9e7e018d42c0">"#))
        let title = try #require(html.range(of: "Provision users from Microsoft Entra ID into Veritone aiWARE\n</h1>"))
        let note = try #require(html.range(of: "This runbook shows Veritone's example tenant"))
        let values = try #require(html.range(of: #"<h2 id="your-values">"#))
        #expect(title.upperBound < note.lowerBound && note.upperBound < values.lowerBound)
    }

    @Test("the personaliser carries the form, the region table, the example's values and the download templates for its script")
    func personaliser() throws {
        let html = try #require(try render()["personalize.html"])
        #expect(html.contains(#"<label for="callback-url">Callback or login URL</label>"#))
        #expect(
            html.contains(
                #"<section id="runbook" class="personalized-runbook" data-tenant="16f982b7-17fa-4c6c-a17b-9e7e018d42c0" aria-label="Runbook">"#
            ))
        let data = try #require(html.firstMatch(of: /<script type="application\/json" id="runbook-data">(.*?)<\/script>/))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(data.1.utf8)) as? [String: Any])
        #expect(
            (object["example"] as? [String: String]) == [
                "host": "api.us-1.veritone.com", "tenant": "16f982b7-17fa-4c6c-a17b-9e7e018d42c0",
                "regionKey": "us-1", "regionName": "United States (production)",
            ])
        #expect((object["regions"] as? [[String: String]])?.count == 4)
        let downloads = try #require(object["downloads"] as? [String: Any])
        #expect(downloads["regions"] as? [String] == ["us-1", "uk-1", "stage.us-1", "dev.us-1"])
        #expect(downloads["onPremises"] as? [String] == [])
        #expect(downloads["date"] as? String == "2025-11-29")
        #expect(downloads["sourceDateEpoch"] as? Int == 1_764_374_400)
        #expect(downloads["markdown"] is [Any] && downloads["html"] is [Any])
        #expect(html.matches(of: /<script>/).count == 1)
    }

    @Test("without downloads, as a tenant page worker renders it, the site has the same ids and links")
    func withoutDownloads() throws {
        let site = try SiteBuilder(source: Self.site, renderer: Fixtures.renderer, regions: Fixtures.regions)
        let full = try site.render()
        let lean = try site.render(downloads: false)
        #expect(full.map(\.output) == lean.map(\.output))
        for (page, leanPage) in zip(full, lean) {
            for attribute in ["id", "href"] {
                #expect(
                    LinkChecker.values(of: attribute, in: page.html) == LinkChecker.values(of: attribute, in: leanPage.html),
                    "\(page.output)")
            }
        }
        let personalizer = try #require(lean.first { $0.output == "personalize.html" })
        #expect(!personalizer.html.contains(#""downloads""#))
        #expect(try #require(full.first { $0.output == "personalize.html" }).html.contains(#""downloads":{"#))
    }

    @Test("region names cannot close the data's <script> element")
    func scriptSafeData() throws {
        var regions = Fixtures.regions
        try regions.add(
            RegionTable(
                json: Data(
                    #"{"regions": [{"key": "x", "host": "x.example", "name": "</script><script>alert(1)</script>"}]}"#.utf8),
                path: "x.json"), from: "x.json")
        let pages = try SiteBuilder(source: Self.site, renderer: Fixtures.renderer, regions: regions).render()
        let html = try #require(pages.first { $0.output == "personalize.html" }?.html)
        #expect(!html.contains("</script><script>alert(1)"))
        #expect(html.contains(#"\u003c/script>\u003cscript>alert(1)\u003c/script>"#))
        // A region from a regions file is on-premises: the page says so when it offers no download.
        #expect(html.contains(#""onPremises":["x"]"#))
    }

    @Test("a link to a missing page fails the build at the link, with its target")
    func brokenPageLink() throws {
        let source = try Self.site(replacing: ["pages/verify.md": "# Verify\n\nSee the [guide](guide.html).\n"])
        let error = #expect(throws: RunbookError.self) { try render(source) }
        #expect(error?.code == .brokenLink)
        #expect(
            error?.description == "\(source.path)/pages/verify.md:3:17: error: the link to ‘guide.html’ is broken: the site has "
                + "no page guide.html. Point it at an existing page or heading.")
    }

    @Test("a link to a missing heading fails the build", arguments: ["runbook.html#no-such-step", "#nowhere"])
    func brokenAnchor(target: String) throws {
        let source = try Self.site(replacing: ["pages/index.md": "# Home\n\nText.\n\n- [Step](\(target))\n"])
        let error = #expect(throws: RunbookError.self) { try render(source) }
        #expect(error?.location?.line == 5)
        #expect(error?.message.contains("has no element with id") == true)
    }

    @Test("external links are not checked")
    func externalLinks() throws {
        let source = try Self.site(replacing: [
            "pages/index.md": "# Home\n\n[a](https://example.com/x.html) [b](mailto:a@b.example)\n"
        ])
        #expect(try render(source)["index.html"] != nil)
    }

    @Test(
        "explains a site configuration it cannot use",
        arguments: [
            (#"{"title": "x"}"#, "has no \"pages\""),
            (
                #"{"title": "x", "pages": [{"kind": "blog", "source": "a.md", "output": "a.html", "title": "A"}]}"#,
                "at .pages[0].kind"
            ),
            (
                #"{"title": "x", "pages": [{"kind": "markdown", "source": "pages/index.md", "output": "../a.html", "title": "A"}]}"#,
                "outside the output folder"
            ),
            (
                #"{"title": "x", "pages": [{"kind": "markdown", "source": "pages/nope.md", "output": "a.html", "title": "A"}]}"#,
                "cannot read"
            ),
        ])
    func badConfiguration(json: String, mention: String) throws {
        let source = try Self.site(replacing: ["site.json": json])
        let error = #expect(throws: RunbookError.self) { try render(source) }
        #expect(error?.code == .invalidSite)
        #expect(error?.message.contains(mention) == true, "\(error?.message ?? "")")
    }
}
