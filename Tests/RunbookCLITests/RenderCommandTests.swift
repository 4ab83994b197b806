import Foundation
import RunbookKit
import RunbookTestSupport
import Testing

@Suite("runbook render", .temporaryFolders)
struct RenderCommandTests {
    static let epoch = ["SOURCE_DATE_EPOCH": "1764374400"]
    static let callback = "https://api.uk-1.veritone.com/v1/admin/openid/0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11/callback/login"
    static let tenantID = "0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11"

    @Test("writes Markdown and HTML for the tenant and prints their paths")
    func writes() throws {
        let directory = try TemporaryFolders.make()
        let result = try RunbookProcess.run(
            ["render", Self.callback, "--customer", "Contoso Ltd", "--output", "out"],
            environment: Self.epoch, in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "out/\(Self.tenantID)/runbook.md\nout/\(Self.tenantID)/runbook.html\n")
        #expect(result.stderr.isEmpty)

        let folder = directory.appendingPathComponent("out/\(Self.tenantID)")
        let markdown = try String(contentsOf: folder.appendingPathComponent("runbook.md"), encoding: .utf8)
        let expected = try String(
            contentsOf: RunbookProcess.repository.appendingPathComponent("Tests/Snapshots/contoso-uk-1/runbook.md"),
            encoding: .utf8)
        #expect(markdown == expected)
        let html = try String(contentsOf: folder.appendingPathComponent("runbook.html"), encoding: .utf8)
        #expect(
            html.contains("<title>Entra ID provisioning runbook for Contoso Ltd (uk-1, aiWARE tenant \(Self.tenantID))</title>"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["runbook.html", "runbook.md"])
    }

    @Test("renders the article's example tenant when given none, and says so")
    func example() throws {
        let directory = try TemporaryFolders.make()
        let result = try RunbookProcess.run(["render"], environment: Self.epoch, in: directory)
        #expect(result.status == 0)
        #expect(
            result.stderr
                == "note: no tenant given; rendering the source article's example tenant (us-1, 16f982b7-17fa-4c6c-a17b-9e7e018d42c0)\n"
        )
        let folder = directory.appendingPathComponent("runbook-out/16f982b7-17fa-4c6c-a17b-9e7e018d42c0")
        for name in ["runbook.md", "runbook.html"] {
            let written = try Data(contentsOf: folder.appendingPathComponent(name))
            let snapshot = try Data(
                contentsOf: RunbookProcess.repository.appendingPathComponent("Tests/Snapshots/example/\(name)"))
            #expect(written == snapshot, "\(name) differs from its snapshot")
        }
    }

    @Test("writes the same bytes on every run")
    func deterministic() throws {
        let directory = try TemporaryFolders.make()
        var outputs: [[Data]] = []
        for run in 0..<2 {
            let result = try RunbookProcess.run(
                ["render", Self.callback, "--output", "run\(run)"], environment: Self.epoch, in: directory)
            #expect(result.status == 0)
            outputs.append(
                try ["runbook.md", "runbook.html"].map {
                    try Data(contentsOf: directory.appendingPathComponent("run\(run)/\(Self.tenantID)/\($0)"))
                })
        }
        #expect(outputs[0] == outputs[1])
    }

    @Test(
        "writes only the formats asked for",
        arguments: [("md", ["runbook.md"]), ("html", ["runbook.html"]), ("html, MD", ["runbook.html", "runbook.md"])])
    func formats(format: String, files: [String]) throws {
        let directory = try TemporaryFolders.make()
        let result = try RunbookProcess.run(
            ["render", Self.callback, "--format", format], environment: Self.epoch, in: directory)
        #expect(result.status == 0)
        let folder = directory.appendingPathComponent("runbook-out/\(Self.tenantID)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == files.sorted())
    }

    struct Failure: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        var environment: [String: String] = RenderCommandTests.epoch
        var stderrPrefix: String
        var testDescription: String { name }
    }

    static let failures: [Failure] = [
        Failure(
            name: "a callback URL with a query", arguments: ["render", callback + "?code=1"],
            stderrPrefix: "error[query-or-fragment]: "),
        Failure(
            name: "a region that disagrees", arguments: ["render", callback, "--region", "us-1"],
            stderrPrefix: "error[region-mismatch]: "),
        Failure(
            name: "an unknown format", arguments: ["render", callback, "--format", "md,pdf"],
            stderrPrefix: "error[unknown-format]: ‘pdf’ is not a format"),
        Failure(
            name: "a malformed SOURCE_DATE_EPOCH", arguments: ["render", callback],
            environment: ["SOURCE_DATE_EPOCH": "yesterday"],
            stderrPrefix: "error[invalid-source-date-epoch]: "),
        Failure(
            name: "a templates folder that is not there", arguments: ["render", callback, "--templates", "/nonexistent"],
            stderrPrefix: "error[templates-not-found]: "),
        Failure(name: "a usage error", arguments: ["render", "--output"], stderrPrefix: "error[usage]: "),
    ]

    @Test("an input error exits 2 and writes nothing", arguments: failures)
    func failure(_ failure: Failure) throws {
        let directory = try TemporaryFolders.make()
        let result = try RunbookProcess.run(failure.arguments, environment: failure.environment, in: directory)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix(failure.stderrPrefix), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test("a template that does not parse is reported as path:line:column, and nothing is written")
    func brokenTemplate() throws {
        let directory = try TemporaryFolders.make()
        let templates = directory.appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: RunbookProcess.repository.appendingPathComponent("Templates"), to: templates)
        let broken = templates.appendingPathComponent("partials/values.mustache")
        try Data("{{% CONTENT_TYPE: MARKDOWN }}\n## Your values\n{{#customer}}\n".utf8).write(to: broken)

        let result = try RunbookProcess.run(
            ["render", Self.callback, "--templates", templates.path, "--output", "out"],
            environment: Self.epoch, in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("\(broken.path):4:1: error: a section opened here is never closed"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out").path))
    }

    @Test("an output folder that cannot be created is reported")
    func unwritable() throws {
        let directory = try TemporaryFolders.make()
        try Data("not a folder".utf8).write(to: directory.appendingPathComponent("out"))
        let result = try RunbookProcess.run(["render", Self.callback, "--output", "out"], environment: Self.epoch, in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error[cannot-write]: cannot create the folder out/\(Self.tenantID)"), "\(result.stderr)")
    }

    @Test("an installed binary finds its templates from any working directory, and says where it looked otherwise")
    func installedLayout() throws {
        let prefix = try TemporaryFolders.make()
        let bin = prefix.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: RunbookProcess.executable, to: bin.appendingPathComponent("runbook"))

        let lost = try RunbookProcess.run(["url", Self.callback], executable: bin.appendingPathComponent("runbook"))
        #expect(lost.status == 2)
        #expect(
            lost.stderr.hasPrefix(
                "error[templates-not-found]: cannot find runbook's templates; looked in \(prefix.path)/share/runbook/Templates"))

        try FileManager.default.createDirectory(
            at: prefix.appendingPathComponent("share/runbook"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: RunbookProcess.repository.appendingPathComponent("Templates"),
            to: prefix.appendingPathComponent("share/runbook/Templates"))
        let elsewhere = try TemporaryFolders.make()
        let result = try RunbookProcess.run(
            ["render", Self.callback, "--format", "html"], environment: Self.epoch, in: elsewhere,
            executable: bin.appendingPathComponent("runbook"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            FileManager.default.fileExists(
                atPath: elsewhere.appendingPathComponent("runbook-out/\(Self.tenantID)/runbook.html").path))
    }
}
