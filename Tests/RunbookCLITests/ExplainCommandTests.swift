import Foundation
import Testing

@Suite("runbook explain")
struct ExplainCommandTests {
    @Test("explains a pasted message: what it means, its causes, the check, the fix and the source; exit 0")
    func explains() throws {
        let result = try RunbookProcess.run([
            "explain", "Error code: SystemForCrossDomainIdentityManagementCredentialValidationUnavailable",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.hasPrefix(
                "“SystemForCrossDomainIdentityManagementCredentialValidationUnavailable” (the Test Connection notification; documented)\n"
            ))
        #expect(result.stdout.contains("\n  Means: Entra could not confirm the credentials with the Tenant URL.\n"))
        #expect(result.stdout.contains("\n  Likely causes, likeliest first:\n    1. aiWARE answered with an error"))
        #expect(result.stdout.contains("\n  Tells them apart: runbook verify, its transport check\n"))
        #expect(
            result.stdout.contains(
                "\n  Source: Troubleshooting issues with provisioning to on-premises applications, "
                    + "https://learn.microsoft.com/entra/identity/app-provisioning/on-premises-ecma-troubleshoot\n"))
        #expect(result.stderr.isEmpty)
    }

    @Test("reads standard input for -, and prints JSON with every field")
    func json() throws {
        let result = try RunbookProcess.run(["explain", "-", "--json"], stdin: "Details: … Response Status Code: NotFound …\n")
        #expect(result.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["matched"] as? Bool == true)
        #expect((document["closest"] as? [Any])?.isEmpty == true)
        let message = try #require((document["messages"] as? [[String: Any]])?.first)
        #expect(message["id"] as? String == "status-not-found")
        #expect(message["place"] as? String == "details")
        #expect(message["evidence"] as? String == "inferred")
        #expect(message["check"] as? String == "test-connection")
        #expect(
            Set(message.keys) == [
                "id", "place", "shows", "evidence", "evidenceNote", "meaning", "causes", "check", "fix", "source",
            ])
    }

    @Test("no known message: exit 1, with the closest known ones")
    func noMatch() throws {
        let result = try RunbookProcess.run(["explain", "You apear to have enterd invalid credentails"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("No message of Entra's that runbook knows is in this text."))
        #expect(result.stdout.contains("The closest known messages:\n  “You appear to have entered invalid credentials."))
        let json = try RunbookProcess.run(["explain", "--json", "nothing like it"])
        #expect(json.status == 1)
        #expect(json.stdout.contains(#""matched" : false"#))
    }

    @Test(
        "no text or only white space is an input error: exit 2, a sentence, nothing on standard output",
        arguments: [(["explain"], nil as String?), (["explain", "  \n "], nil), (["explain", "-"], " \n\t")])
    func empty(arguments: [String], stdin: String?) throws {
        let result = try RunbookProcess.run(arguments, stdin: stdin)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error[nothing-to-explain]: "))
        #expect(result.stdout.isEmpty)
    }

    @Test("more than 1 MiB on standard input is refused, not read on and on")
    func tooLong() throws {
        let result = try RunbookProcess.run(["explain", "-"], stdin: String(repeating: "x", count: (1 << 20) + 10))
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error[text-too-long]: "))
    }
}
