import Foundation
import RunbookTestSupport
import Testing

@Suite("runbook site", .temporaryFolders)
struct SiteCommandTests {
    static let site = RunbookProcess.repository.appendingPathComponent("Site")

    @Test("builds the site into the output folder and prints the pages' paths")
    func builds() throws {
        let directory = try TemporaryFolders.make()
        let result = try RunbookProcess.run(["site", "--source", Self.site.path, "--output", "public"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "public/index.html\npublic/personalize.html\npublic/runbook.html\npublic/verify.html\n")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("public").path).sorted()
                == ["index.html", "personalize.html", "runbook.html", "verify.html"])
    }

    @Test("a broken link fails the build with its file, position and target, and writes nothing")
    func brokenLink() throws {
        let directory = try TemporaryFolders.make()
        let source = directory.appendingPathComponent("Site")
        try FileManager.default.copyItem(at: Self.site, to: source)
        try Data("# Verify\n\nRead [the steps](runbook.html#steps-that-do-not-exist).\n".utf8)
            .write(to: source.appendingPathComponent("pages/verify.md"))
        let result = try RunbookProcess.run(["site", "--source", source.path, "--output", "public"], in: directory)
        #expect(result.status == 2)
        #expect(
            result.stderr == "\(source.path)/pages/verify.md:3:18: error: the link to ‘runbook.html#steps-that-do-not-exist’ is "
                + "broken: runbook.html has no element with id ‘steps-that-do-not-exist’. Point it at an existing page or heading.\n"
        )
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("public").path))
    }

    @Test("a source folder without site.json is an input error")
    func noSite() throws {
        let directory = try TemporaryFolders.make()
        let result = try RunbookProcess.run(["site", "--source", "nowhere"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error[invalid-site]: cannot read "))
    }

    @Test("--tenants adds a runbook page per tenant, linked to the site, and reports a bad row")
    func tenantPages() throws {
        let directory = try TemporaryFolders.make()
        try Data(
            """
            callback_url,customer
            https://api.uk-1.veritone.com/v1/admin/openid/0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11/login,Contoso
            https://api.us-1.veritone.co/v1/admin/openid/0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11/login,Typo

            """.utf8
        ).write(to: directory.appendingPathComponent("tenants.csv"))
        let result = try RunbookProcess.run(
            ["site", "--source", Self.site.path, "--output", "public", "--tenants", "tenants.csv"],
            in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("line 3: error[unknown-host]: "))
        #expect(result.stderr.hasSuffix("wrote 1 of 2 tenant pages to public/tenants; 1 failed\n"))
        let page = try String(
            contentsOf: directory.appendingPathComponent("public/tenants/0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11.html"),
            encoding: .utf8)
        #expect(page.contains("<title>Runbook for Contoso – aiWARE SCIM provisioning</title>"))
        #expect(page.contains(#"<a href="../index.html">Home</a>"#))
        #expect(page.contains(#"<meta name="robots" content="noindex">"#))
        #expect(page.contains("https://api.uk-1.veritone.com/v1/admin/scim/0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11"))
    }

    @Test("--jobs spreads tenant pages over worker processes and writes the same bytes and errors as one process")
    func tenantPagesOnWorkers() throws {
        // More than 16 rows, so the workers start; an on-premises region that only --regions knows.
        let regions = #"{"regions": [{"key": "acme", "host": "aiware.acme.example"}]}"#
        let csv =
            BatchCommandTests.csv(rows: 40) + "us-1,\(BatchCommandTests.tenant(7)),Duplicate,\nhttp://nope,Bad row,\n"
            + "acme,\(BatchCommandTests.tenant(99)),Acme,\n"
        let directory = try TemporaryFolders.make()
        try Data(csv.utf8).write(to: directory.appendingPathComponent("tenants.csv"))
        try Data(regions.utf8).write(to: directory.appendingPathComponent("onprem.json"))
        let runs = try [1, 3].map { jobs in
            try RunbookProcess.run(
                [
                    "site", "--source", Self.site.path, "--output", "jobs-\(jobs)", "--tenants", "tenants.csv",
                    "--regions", "onprem.json", "--jobs", "\(jobs)",
                ],
                environment: BatchCommandTests.epoch, in: directory)
        }
        for (jobs, run) in zip([1, 3], runs) {
            #expect(run.status == 1)
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.count == 4, "\(run.stderr)")
            #expect(lines.first == "note: added region acme (aiware.acme.example) from onprem.json")
            #expect(lines.last == "wrote 41 of 43 tenant pages to jobs-\(jobs)/tenants; 2 failed")
        }
        #expect(runs[1].stderr.replacingOccurrences(of: "jobs-3", with: "jobs-1") == runs[0].stderr)
        let one = try BatchCommandTests.files(under: directory.appendingPathComponent("jobs-1"))
        #expect(one.keys.filter { $0.hasPrefix("tenants/") }.count == 41)
        #expect(try BatchCommandTests.files(under: directory.appendingPathComponent("jobs-3")) == one)
    }

    @Test(
        "--jobs is refused without --tenants, or out of range",
        arguments: [
            (["--jobs", "2"], "--jobs applies to --tenants."),
            (["--tenants", "tenants.csv", "--jobs", "0"], "--jobs must be a number of processes from 1 to 256, such as 4."),
        ])
    func jobsValidation(arguments: [String], message: String) throws {
        let result = try RunbookProcess.run(
            ["site", "--source", Self.site.path] + arguments,
            in: try TemporaryFolders.make())
        #expect(result.status == 2)
        #expect(result.stderr == "error[usage]: \(message)\nSee 'runbook site --help'.\n")
    }
}
