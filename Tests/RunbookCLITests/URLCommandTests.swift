import Foundation
import RunbookTestSupport
import Testing

@Suite("runbook url", .temporaryFolders)
struct URLCommandTests {
    static let vectors = DerivationVector.publicVectors.cases + DerivationVector.edgeCases.cases

    @Test("prints the Tenant URL alone, or error[code] with status 2", arguments: vectors)
    func plain(_ vector: DerivationVector) throws {
        let result = try RunbookProcess.run(vector.arguments)
        if let scim = vector.scim {
            #expect(result.status == 0)
            #expect(result.stdout == scim + "\n")
            #expect(result.stderr.isEmpty)
        } else {
            #expect(result.status == 2)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("error[\(vector.error!)]: "), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test("prints the contract's JSON", arguments: vectors)
    func json(_ vector: DerivationVector) throws {
        let result = try RunbookProcess.run(vector.arguments + ["--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: String])
        if let scim = vector.scim {
            #expect(result.status == 0)
            #expect(object == ["scim": scim, "region": vector.region!, "tenant": vector.tenant!])
        } else {
            #expect(result.status == 2)
            #expect(object["error"] == vector.error)
            #expect(result.stderr.hasPrefix("error[\(vector.error!)]: \(object["message"]!)"))
        }
    }

    @Test("asks for a tenant when given none")
    func nothing() throws {
        let result = try RunbookProcess.run(["url"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error[not-a-url]: no tenant was given."))
    }

    @Test("a regions file adds an on-premises host, and says so")
    func regionsFile() throws {
        let directory = try TemporaryFolders.make()
        let file = directory.appendingPathComponent("onprem.json")
        try Data(#"{"regions": [{"key": "acme", "host": "aiware.acme.example"}]}"#.utf8).write(to: file)
        let url = "https://aiware.acme.example/v1/admin/openid/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/callback/login"

        let without = try RunbookProcess.run(["url", url])
        #expect(without.status == 2)
        #expect(without.stderr.hasPrefix("error[unknown-host]: "))

        let with = try RunbookProcess.run(["url", url, "--regions", file.path])
        #expect(with.status == 0)
        #expect(with.stdout == "https://aiware.acme.example/v1/admin/scim/16f982b7-17fa-4c6c-a17b-9e7e018d42c0\n")
        #expect(with.stderr == "note: added region acme (aiware.acme.example) from \(file.path)\n")
    }

    @Test("refuses a regions file that redefines a shipped region")
    func regionsConflict() throws {
        let file = try TemporaryFolders.make().appendingPathComponent("evil.json")
        try Data(#"{"regions": [{"key": "us-1", "host": "evil.example"}]}"#.utf8).write(to: file)
        let result = try RunbookProcess.run([
            "url", "--region", "us-1", "--tenant-id", "16f982b7-17fa-4c6c-a17b-9e7e018d42c0",
            "--regions", file.path,
        ])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error[invalid-regions]: \(file.path) defines region us-1 as evil.example"))
    }

    @Test(
        "usage mistakes exit 2 too, with a pointer to help", arguments: [["url", "--bogus"], ["url", "--region"], ["nonsense"]])
    func usage(arguments: [String]) throws {
        let result = try RunbookProcess.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error[usage]: "))
        #expect(result.stderr.contains("--help"))
    }

    @Test("help and version exit 0", arguments: [["--help"], ["url", "--help"], ["render", "--help"], ["--version"]])
    func help(arguments: [String]) throws {
        let result = try RunbookProcess.run(arguments)
        #expect(result.status == 0)
        #expect(!result.stdout.isEmpty)
    }
}

extension DerivationVector {
    /// The vector as `runbook url` arguments.
    var arguments: [String] {
        var arguments = ["url"]
        if let url = input.url { arguments.append(url) }
        if let region = input.region { arguments += ["--region", region] }
        if let tenant = input.tenant { arguments += ["--tenant-id", tenant] }
        return arguments
    }
}
