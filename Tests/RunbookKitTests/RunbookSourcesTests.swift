import Foundation
import Testing

@testable import RunbookKit

/// The runbook's claims against their sources: the catalogue of Entra's messages, the
/// footnotes, the experiences and Templates/SOURCES.md must all agree.
@Suite("The runbook's sources")
struct RunbookSourcesTests {
    let markdown = try! Fixtures.renderer.markdown(for: RunbookRendererTests.example)
    let html = try! Fixtures.renderer.html(for: RunbookRendererTests.example)

    /// The footnote definitions of the Markdown: key → the text after `[^key]: `.
    var definitions: [String: String] {
        Dictionary(markdown.matches(of: /\n\[\^([a-z0-9-]+)\]: (.*)/).map { (String($0.1), String($0.2)) }) { first, _ in first }
    }

    // MARK: The catalogue of Entra's messages

    @Test("the table of Entra's messages has every message of the catalogue, each citing its source")
    func everyMessage() throws {
        let table = try #require(markdown.range(of: "### What Entra's messages mean")).upperBound
        let rows = markdown[table...].split(separator: "\n").filter { $0.hasPrefix("| ") }
        for message in Fixtures.messages.messages {
            // Each name a message stands for, or the whole text, is in the first cell of its row. A
            // name can stand in two places (InternalServerError: a Details line's status, and a
            // provisioning-log code), so the row is the one that also says what it means.
            let names =
                !message.statuses.isEmpty
                ? message.statuses.map(\.name) : !message.codes.isEmpty ? message.codes : [message.shows]
            let row = try #require(
                rows.first { row in
                    names.allSatisfy { row.dropFirst(2).prefix { $0 != "|" }.contains($0.markdownEscaped) }
                        && row.contains(message.meaning.markdownEscaped)
                }, "no row shows \(message.id) with its meaning")
            #expect(row.contains(message.fix.markdownEscaped), "\(message.id)")
            for footnote in message.footnotes {
                #expect(row.contains("[^\(footnote)]"), "\(message.id) does not cite \(footnote)")
                #expect(definitions[footnote] != nil, "no footnote \(footnote)")
            }
            let definition = try #require(definitions[message.footnotes[0]])
            #expect(
                definition.contains("(\(message.source.url))"),
                "\(message.id): its first footnote and its source are different pages")
            #expect(
                row.contains(
                    message.evidence == .documented
                        ? "*Documented:*"
                        : message.evidence == .observed
                            ? "*Observed in the field, not documented:*" : "*Inferred:*"),
                "\(message.id) does not say how sure it is")
        }
        for place in Fixtures.messages.places {
            #expect(markdown.contains("\n#### \(place.title)\n"))
        }
    }

    @Test(
        "what verify says Entra shows for an answer is a row of the runbook's table",
        arguments: [401, 403, 404, 405, 500, 501, 502, 503, 504, 599, 418])
    func verifyAgrees(status: Int) throws {
        for message in Fixtures.messages.testConnectionFailure(status: status) {
            let row = try #require(
                markdown.split(separator: "\n").first { $0.hasPrefix("| ") && $0.contains(message.meaning.markdownEscaped) })
            let name = message.shows.replacingOccurrences(of: "Response Status Code: ", with: "")
            #expect(
                row.contains("`\(name)`") || name == String(status) || message.place != .details,
                "the row of \(message.id) does not name \(name)")
        }
    }

    // MARK: Footnotes

    @Test("every footnote is used, and goes to Microsoft Learn or Veritone's support site")
    func footnotes() throws {
        let references = Set(markdown.matches(of: /\[\^([a-z0-9-]+)\](?!:)/).map { String($0.1) })
        #expect(Set(definitions.keys) == references)
        for (key, text) in definitions {
            let links = text.matches(of: /\]\(([^)]+)\)/).map { String($0.1) }
            #expect(!links.isEmpty, "[^\(key)] links nowhere")
            for link in links {
                #expect(
                    link.hasPrefix("https://learn.microsoft.com/") || link.hasPrefix("https://support.veritone.com/"),
                    "[^\(key)]: \(link)")
            }
        }
        // cmark-gfm renders each of them, and nothing else, in the page's footnotes.
        let section = try #require(html.firstMatch(of: /<section class="footnotes"[^>]*>(.*?)<\/section>/.dotMatchesNewlines())).1
        #expect(section.matches(of: /<li id="fn-/).count == definitions.count)
        for link in section.matches(of: /href="(https?:[^"]+)"/) {
            #expect(link.1.hasPrefix("https://learn.microsoft.com/") || link.1.hasPrefix("https://support.veritone.com/"))
        }
    }

    // MARK: Templates/SOURCES.md

    @Test("every row of SOURCES.md points at the line of a template that makes its claim, and at a known source")
    func sourcesFile() throws {
        let sources = try String(contentsOf: Fixtures.templates.appendingPathComponent("SOURCES.md"), encoding: .utf8)
        let footnotes = try String(
            contentsOf: Fixtures.templates.appendingPathComponent("partials/footnotes.mustache"), encoding: .utf8)
        let keys = Set(footnotes.matches(of: /\n\[\^([a-z0-9-]+)\]:/).map { String($0.1) })
        let rows = sources.split(separator: "\n").compactMap {
            $0.wholeMatch(of: /\| ([a-z\/-]+\.mustache):(\d+) \| (`+) ?(.*?) ?\3 \| (.*?) \| (.+) \|/)
        }
        #expect(rows.count > 80)
        var cited: Set<String> = []
        for row in rows {
            let file = String(row.1)
            let line = Int(row.2)!
            let claim = String(row.4).replacingOccurrences(of: "\\|", with: "|")
            let lines = try String(contentsOf: Fixtures.templates.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
            let now = lines.indices.first { lines[$0].contains(claim) }.map { $0 + 1 }
            #expect(
                line <= lines.count && lines[line - 1].contains(claim),
                "SOURCES.md: \(file):\(line) no longer holds ‘\(claim)’\(now.map { "; it is now at line \($0)" } ?? ", and no line does")"
            )
            for source in row.5.split(separator: ", ").map(String.init) {
                let known =
                    keys.contains(source) || ["observed", "inferred", "entra-messages.json"].contains(source)
                    || [
                        "https://learn.microsoft.com/", "https://pubs.opengroup.org/", "https://curl.se/", "https://www.gnu.org/",
                        "https://github.com/PowerShell/",
                    ].contains { source.hasPrefix($0) }
                #expect(known, "SOURCES.md: \(file):\(line) cites ‘\(source)’, which is no footnote, address or kind of evidence")
                cited.insert(source)
            }
        }
        // Each footnote of the runbook backs at least one claim listed here.
        #expect(
            keys.subtracting(cited).subtracting(Fixtures.messages.messages.flatMap(\.footnotes)).isEmpty,
            "footnotes no row of SOURCES.md cites: \(keys.subtracting(cited).sorted())")
    }

    // MARK: Experiences

    @Test("each part that splits by experience has the steps of both, and the introduction names how to tell them apart")
    func experiences() throws {
        let parts = html.components(separatedBy: "<h2 id=\"").dropFirst()
        var split = 0
        for part in parts {
            let found = Set(part.matches(of: /<section class="experience" data-experience="([a-z]+)"/).map { String($0.1) })
            #expect(found.isEmpty || found == Set(Experience.allCases.map(\.rawValue)), "\(part.prefix(40)) has \(found)")
            if !found.isEmpty { split += 1 }
        }
        #expect(split == 5)
        for experience in Experience.allCases {
            #expect(markdown.contains("| **\(experience.cue)**") && markdown.contains("| \(experience.heading)"))
            #expect(html.contains(#"data-experience-cue="\#(experience.cue)""#))
        }
        // A section never swallows a part's heading, or the shared steps after it.
        for section in html.matches(of: /<section class="experience"[^>]*>(.*?)<\/section>/.dotMatchesNewlines()) {
            #expect(!section.1.contains("<h2") && !section.1.contains("id=\"both-experiences"))
        }
    }

    @Test("a runbook for an on-premises aiWARE says that Entra must reach it from Microsoft's cloud; a hosted one does not")
    func onPremises() throws {
        var regions = Fixtures.regions
        try regions.add(RegionTable([Region(key: "acme", host: "aiware.acme.example", name: "Acme")]), from: "onprem.json")
        let tenant = try TenantURL(
            TenantInput(url: "https://aiware.acme.example/v1/admin/scim/16f982b7-17fa-4c6c-a17b-9e7e018d42c0"),
            regions: regions)
        #expect(tenant.region.isOnPremises)
        let onPremises = try Fixtures.renderer.markdown(for: Runbook(tenant: tenant))
        #expect(onPremises.contains("- **Your aiWARE is reachable from Microsoft's cloud:**"))
        #expect(onPremises.contains("`aiware.acme.example` to the IP ranges Learn lists"))
        #expect(!markdown.contains("reachable from Microsoft's cloud"))
    }
}
