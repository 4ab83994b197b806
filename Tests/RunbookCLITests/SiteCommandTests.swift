import Foundation
import Testing

@Suite("runbook site")
struct SiteCommandTests {
    static let site = RunbookProcess.repository.appendingPathComponent("Site")

    @Test("builds the site into the output folder and prints the pages' paths")
    func builds() throws {
        let directory = try RunbookProcess.temporaryDirectory()
        let result = try RunbookProcess.run(["site", "--source", Self.site.path, "--output", "public"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "public/index.html\npublic/personalize.html\npublic/runbook.html\npublic/verify.html\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("public").path).sorted()
                == ["index.html", "personalize.html", "runbook.html", "verify.html"])
    }

    @Test("a broken link fails the build with its file, position and target, and writes nothing")
    func brokenLink() throws {
        let directory = try RunbookProcess.temporaryDirectory()
        let source = directory.appendingPathComponent("Site")
        try FileManager.default.copyItem(at: Self.site, to: source)
        try Data("# Verify\n\nRead [the steps](runbook.html#steps-that-do-not-exist).\n".utf8)
            .write(to: source.appendingPathComponent("pages/verify.md"))
        let result = try RunbookProcess.run(["site", "--source", source.path, "--output", "public"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr == "\(source.path)/pages/verify.md:3:18: error: the link to ‘runbook.html#steps-that-do-not-exist’ is "
            + "broken: runbook.html has no element with id ‘steps-that-do-not-exist’. Point it at an existing page or heading.\n")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("public").path))
    }

    @Test("a source folder without site.json is an input error")
    func noSite() throws {
        let directory = try RunbookProcess.temporaryDirectory()
        let result = try RunbookProcess.run(["site", "--source", "nowhere"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error[invalid-site]: cannot read "))
    }
}
