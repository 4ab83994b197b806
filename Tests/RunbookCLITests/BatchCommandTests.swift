import Foundation
import RunbookTestSupport
import Testing

@Suite("runbook render --tenants", .temporaryFolders, .serialized)
struct BatchCommandTests {
    static let epoch = ["SOURCE_DATE_EPOCH": "1764374400"]

    static func tenant(_ number: Int) -> String {
        String(format: "%08x-0000-4000-8000-%012x", number, number)
    }

    static func csv(rows: Int) -> String {
        "region,tenant_id,customer,email\n"
            + (1...rows).map { "us-1,\(tenant($0)),Customer \($0),it\($0)@customer.example" }.joined(separator: "\n") + "\n"
    }

    func folder(with file: String, _ contents: String) throws -> URL {
        let directory = try TemporaryFolders.make()
        try Data(contents.utf8).write(to: directory.appendingPathComponent(file))
        return directory
    }

    @Test("all rows written: exit 0, the manifest's path on stdout, a summary on stderr")
    func allWritten() throws {
        let directory = try folder(
            with: "tenants.json",
            """
            [{"callback_url": "https://api.uk-1.veritone.com/v1/admin/openid/0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11/login",
              "customer": "Contoso", "email": "IT <it@contoso.example>"}]
            """)
        let result = try RunbookProcess.run(
            [
                "render", "--tenants", "tenants.json", "--format", "md,eml",
                "--from", "support@veritone.example",
            ], environment: Self.epoch, in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "runbook-out/manifest.json\n")
        #expect(result.stderr == "wrote 1 of 1 runbooks to runbook-out\n")
        let eml = try String(
            contentsOf: directory.appendingPathComponent("runbook-out/0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11/runbook.eml"),
            encoding: .utf8)
        #expect(eml.hasPrefix("From: support@veritone.example\r\nTo: IT <it@contoso.example>\r\n"))
    }

    @Test("some rows failed: exit 1, each reported with its line, tenant and code")
    func someFailed() throws {
        let directory = try folder(
            with: "tenants.csv",
            """
            callback_url,customer
            https://api.us-1.veritone.com/v1/admin/openid/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/login,Acme
            https://api.us-1.veritone.com/v1/admin/openid/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/callback/login,Again
            https://api.us-1.veritone.com/v1/admin/openid/16f982b7/login,Short

            """)
        let result = try RunbookProcess.run(["render", "--tenants", "tenants.csv"], environment: Self.epoch, in: directory)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("line 3 (tenant 16f982b7-17fa-4c6c-a17b-9e7e018d42c0): error[duplicate-tenant]: "))
        #expect(lines[1].hasPrefix("line 4: error[invalid-tenant-id]: the URL has ‘16f982b7’ where the tenant ID belongs"))
        #expect(lines[2] == "wrote 1 of 3 runbooks to runbook-out; 2 failed, see above and the manifest")
    }

    @Test(
        "an unusable file exits 2 and writes nothing",
        arguments: [
            ("tenants.csv", "url,name\nhttps://x,a\n", "error[invalid-tenant-list]: line 1 of "),
            ("tenants.xlsx", "whatever", "error[invalid-tenant-list]: "),
            ("tenants.json", "{}", "error[invalid-tenant-list]: "),
        ])
    func unusable(file: String, contents: String, message: String) throws {
        let directory = try folder(with: file, contents)
        let result = try RunbookProcess.run(["render", "--tenants", file], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("runbook-out").path))
    }

    @Test("--quiet prints only the manifest's path; --verbose every file written")
    func quietAndVerbose() throws {
        let directory = try folder(with: "tenants.csv", Self.csv(rows: 2))
        let quiet = try RunbookProcess.run(["render", "--tenants", "tenants.csv", "--quiet"], in: directory)
        #expect(quiet.status == 0 && quiet.stderr.isEmpty && quiet.stdout == "runbook-out/manifest.json\n")
        let verbose = try RunbookProcess.run(
            ["render", "--tenants", "tenants.csv", "--verbose", "--format", "md"], in: directory)
        #expect(verbose.stderr.hasPrefix("line 2: wrote runbook-out/\(Self.tenant(1))/runbook.md\nline 3: wrote "))
    }

    @Test("a tenant list and a tenant on the command line do not mix")
    func mixedInput() throws {
        let result = try RunbookProcess.run(["render", "--tenants", "t.csv", "--customer", "Acme"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error[usage]: --tenants reads every tenant, customer and address from its file"))
    }

    @Test("on a terminal, a progress bar shows the count, the rate and the time left")
    func progressBar() throws {
        let directory = try folder(with: "tenants.csv", Self.csv(rows: 40))
        let command = "cd '\(directory.path)' && '\(RunbookProcess.executable.path)' render --tenants tenants.csv --format md"
        let result = try RunbookProcess.run(
            ["-qec", command, "/dev/null"], environment: ["TERM": "xterm"],
            executable: URL(fileURLWithPath: "/usr/bin/script"))
        #expect(result.status == 0)
        #expect(result.stdout.contains("40/40"))
        #expect(result.stdout.contains(" rows/s  0:00 left"))
        #expect(result.stdout.contains("wrote 40 of 40 runbooks to runbook-out"))
    }

    @Test("a batch killed part-way leaves only whole files, and a rerun completes it with the bytes of an uninterrupted run")
    func interrupted() throws {
        let csv = Self.csv(rows: 1_000)
        // The reference: the same batch, never interrupted.
        let reference = try folder(with: "tenants.csv", csv)
        #expect(
            try RunbookProcess.run(["render", "--tenants", "tenants.csv", "--quiet"], environment: Self.epoch, in: reference)
                .status == 0)

        let directory = try folder(with: "tenants.csv", csv)
        let child = Process()
        child.executableURL = RunbookProcess.executable
        child.arguments = ["render", "--tenants", "tenants.csv", "--quiet"]
        child.currentDirectoryURL = directory
        child.environment = Self.epoch
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        let output = directory.appendingPathComponent("runbook-out")
        let deadline = Date().addingTimeInterval(60)
        while ((try? FileManager.default.contentsOfDirectory(atPath: output.path))?.count ?? 0) < 200, Date() < deadline,
            child.isRunning
        {
            Thread.sleep(forTimeInterval: 0.005)
        }
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal, "the batch finished before it could be interrupted")

        // Whatever is there is whole: each runbook equals the reference's, or is a leftover temporary file.
        let partial = try Self.files(under: output)
        let complete = try Self.files(under: reference.appendingPathComponent("runbook-out"))
        #expect(!partial.keys.contains("manifest.json"))
        for (path, data) in partial where !path.split(separator: "/").last!.hasPrefix(".") {
            #expect(complete[path] == data, "\(path) is not whole")
        }

        let rerun = try RunbookProcess.run(
            ["render", "--tenants", "tenants.csv", "--quiet"], environment: Self.epoch, in: directory)
        #expect(rerun.status == 0)
        #expect(try Self.files(under: output) == complete)
    }

    @Test("worker processes write exactly what one process writes", arguments: [3])
    func workers(jobs: Int) throws {
        let csv =
            Self.csv(rows: 120) + "us-1,\(Self.tenant(7)),Duplicate,\nhttp://nope,Bad row,\nacme,\(Self.tenant(999)),Acme,\n"
        let directory = try folder(with: "tenants.csv", csv)
        try Data(#"{"regions": [{"key": "acme", "host": "aiware.acme.example"}]}"#.utf8)
            .write(to: directory.appendingPathComponent("onprem.json"))
        let one = try RunbookProcess.run(
            [
                "render", "--tenants", "tenants.csv", "--jobs", "1", "--format", "md,html,eml",
                "--regions", "onprem.json", "--output", "one",
            ], environment: Self.epoch, in: directory)
        let many = try RunbookProcess.run(
            [
                "render", "--tenants", "tenants.csv", "--jobs", "\(jobs)", "--format", "md,html,eml",
                "--regions", "onprem.json", "--output", "many",
            ], environment: Self.epoch, in: directory)
        #expect(one.status == 1 && many.status == 1)
        // The workers load the regions file too, but only the batch says so.
        #expect(many.stderr.replacingOccurrences(of: "many", with: "one") == one.stderr)
        #expect(many.stderr.components(separatedBy: "note: added region acme").count == 2)
        let reference = try Self.files(under: directory.appendingPathComponent("one"))
        #expect(reference.count == 121 * 3 + 1)
        #expect(try Self.files(under: directory.appendingPathComponent("many")) == reference)
    }

    /// Every file under a folder, by relative path.
    static func files(under folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return [:]
        }
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            files[String(url.path.dropFirst(folder.path.count + 1))] = try Data(contentsOf: url)
        }
        return files
    }
}
