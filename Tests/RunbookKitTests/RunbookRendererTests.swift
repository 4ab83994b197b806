import Crypto
import Foundation
import Testing

@testable import RunbookKit

@Suite("The rendered runbook")
struct RunbookRendererTests {
    static let example = Runbook(tenant: try! TenantURL(.example, regions: Fixtures.regions))
    static let contoso = Runbook(
        tenant: try! TenantURL(
            TenantInput(url: "https://api.uk-1.veritone.com/v1/admin/openid/0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11/login"),
            regions: Fixtures.regions),
        customer: "Contoso Ltd")

    let markdown = try! Fixtures.renderer.markdown(for: RunbookRendererTests.example)
    let html = try! Fixtures.renderer.html(for: RunbookRendererTests.example)

    // MARK: Snapshots

    @Test("matches the reviewed snapshots of the example tenant")
    func exampleSnapshots() throws {
        try expectSnapshot(markdown, named: "example/runbook.md")
        try expectSnapshot(html, named: "example/runbook.html")
    }

    @Test("matches the reviewed snapshot of a customer's runbook")
    func customerSnapshot() throws {
        try expectSnapshot(Fixtures.renderer.markdown(for: Self.contoso), named: "contoso-uk-1/runbook.md")
    }

    @Test("gives the same bytes every time, and the same bytes through documents(for:formats:)")
    func deterministic() throws {
        let documents = try Fixtures.renderer.documents(for: Self.example, formats: [.markdown, .html])
        #expect(documents.map(\.text) == [markdown, html])
        #expect(try Fixtures.renderer.markdown(for: Self.example) == markdown)
    }

    // MARK: Content

    @Test("has the parts of DESIGN.md in order")
    func parts() {
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
        #expect(
            headings == [
                "Your values", "Before you begin", "Generate an API token", "Create credentials and test the connection",
                "Verify from a shell", "Provision Microsoft Entra ID users", "Finalize the provisioning settings",
                "Alternately, provision on demand", "After the first cycle", "Troubleshooting", "Next step",
            ])
    }

    @Test(
        "spells every label the way aiWARE and Entra show it",
        arguments: [
            "**Admin Center**", "**Security > API Tokens**", "**New Token**", "**Create New Token**", "**Key Name**",
            "**Select Permissions**", "*Admin:user*", "**Select All**", "**Generate Token**", "**Token Generated**",
            "**Copy**", "**Entra ID** > **Enterprise apps**", "**Identity** > **Applications** > **Enterprise applications**",
            "**Microsoft Entra ID**", "**Enterprise applications**", "**App registrations**", "**Manual**",
            "**+ New application** > **+ Create your own application**",
            "**Integrate any other application you don't find in the gallery (Non-gallery)**", "**Create**",
            "**Provisioning**", "**Get started**", "**+ New configuration**", "**Provisioning Mode**", "**Automatic**",
            "**Admin Credentials**", "**Tenant URL**", "**Secret Token**", "**Test Connection**", "**Error code**",
            "**Details**", "**Response Status Code**", "**Save**", "**Create**", "**Mappings**", "**Edit provisioning**",
            "**Attribute mapping**", "**Provision Microsoft Entra ID Groups**", "**Provision Azure Active Directory Groups**",
            "**Enabled**", "**No**", "**Provision Microsoft Entra ID Users**", "**Add New Mapping**", "**Users and groups**",
            "**Add user/group**", "**None Selected**", "**Select**", "**Assign**", "**Settings**", "**Scope**",
            "**Sync only assigned users and groups**", "**Notification Email**",
            "**Send an email notification when a failure occurs**",
            "**Prevent accidental deletions**", "**Provisioning Status**", "**On**", "**Off**", "**Overview**", "**Properties**",
            "**Apply**", "**Start provisioning**", "**Provision on demand**", "**Provision on-demand**", "**Provision**",
            "**Import user**", "**Determine if user is in scope**", "**Match user between source and target**",
            "**Perform action**", "**Test connection**", "**Contact info**", "**Provisioning logs**", "**Stop**",
            "**Restart provisioning**",
        ])
    func label(_ label: String) {
        #expect(markdown.contains(label))
    }

    @Test("has the article's 7 token steps, and each experience's steps to create and test the credentials")
    func steps() {
        let steps = { (text: Substring) in text.matches(of: #/\n\d+\. \[ \] /#).count }
        #expect(steps(section("Generate an API token")) == 7)
        #expect(steps(subsection("Both experiences: open the application's provisioning page")) == 4)
        #expect(steps(subsection("Classic experience: open the credentials form")) == 2)
        #expect(steps(subsection("Newer experience: open the credentials form")) == 1)
        #expect(steps(subsection("Both experiences: enter and test the credentials")) == 3)
        #expect(steps(subsection("Classic experience: save")) == 1)
        #expect(steps(subsection("Newer experience: create")) == 1)
        #expect(html.matches(of: /<li class="step" id="step-generate-an-api-token-\d+">/).count == 7)
        // Step ids run on through a part's subsections, so each stays unique and stable.
        let ids = html.matches(of: /<li class="step" id="([^"]+)">/).map { String($0.1) }
        #expect(Set(ids).count == ids.count)
        #expect(ids.contains("step-create-credentials-and-test-the-connection-12"))
    }

    @Test("hands over the Tenant URL ready to paste, and says how it was derived")
    func tenantURL() {
        let url = "https://api.us-1.veritone.com/v1/admin/scim/16f982b7-17fa-4c6c-a17b-9e7e018d42c0"
        #expect(section("Your values").contains("```text\n\(url)\n```"))
        #expect(section("Create credentials and test the connection").contains("   ```text\n   \(url)\n   ```"))
        #expect(
            section("Your values").contains(
                "`https://api.us-1.veritone.com/v1/admin/openid/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/callback/login`"))
        // On the page it breaks only after a slash, and copies as the URL.
        let parts = ["https://", "api.us-1.veritone.com/", "v1/", "admin/", "scim/", "16f982b7-17fa-4c6c-a17b-9e7e018d42c0"]
        #expect(parts.joined() == url)
        let block =
            #"<pre><code class="language-text path">"#
            + parts.map { "<span>\($0)</span>" }.joined(separator: "<wbr>") + "\n</code></pre>"
        #expect(html.components(separatedBy: block).count == 3)
    }

    @Test("warns as callouts: the token is shown once, and never paste Bearer")
    func warnings() {
        #expect(
            section("Generate an API token").contains(
                "> [!WARNING]\n> The dialog box displays the token only when you create it."))
        #expect(section("Create credentials and test the connection").contains("> [!WARNING]\n> Paste the token alone."))
        let callouts = html.matches(
            of: /<aside class="callout callout-warning" role="note">\n<p class="callout-label">Warning<\/p>/)
        #expect(callouts.count == 2)
    }

    @Test("verifies from a shell with commands that prompt for the token, refuse an empty one and forget it")
    func verifyCommands() throws {
        let verify = section("Verify from a shell")
        let url = "https://api.us-1.veritone.com/v1/admin/scim/16f982b7-17fa-4c6c-a17b-9e7e018d42c0"
        let shellBlocks = verify.matches(of: /```sh\n(.*?)```/.dotMatchesNewlines()).map { String($0.1) }
        #expect(shellBlocks.count == 2)
        for block in shellBlocks {
            // No comment line: an interactive zsh would run `#` as a command.
            #expect(block.hasPrefix("{\n  printf 'Secret Token: ' >&2; IFS= read -rs AIWARE_SCIM_TOKEN; echo >&2\n"))
            #expect(block.contains("IFS= read -rs AIWARE_SCIM_TOKEN"))
            #expect(block.contains(#"if [ -n "$AIWARE_SCIM_TOKEN" ]; then"#))
            #expect(block.contains("echo 'No token entered: nothing was sent.' >&2"))
            #expect(block.hasSuffix("  unset AIWARE_SCIM_TOKEN\n}\n"))
        }
        #expect(shellBlocks[0].contains(#"AIWARE_SCIM_TOKEN="$AIWARE_SCIM_TOKEN" runbook verify '\#(url)'"#))
        #expect(shellBlocks[1].contains(#"printf 'Authorization: Bearer %s\n' "$AIWARE_SCIM_TOKEN" |"#))
        #expect(shellBlocks[1].contains("--header @-") && shellBlocks[1].contains("--user-agent ''"))
        #expect(shellBlocks[1].contains(#"--data-urlencode 'filter=userName eq "00000000-0000-0000-0000-000000000000"'"#))
        #expect(shellBlocks[1].contains("'\(url)/Users'"))

        let powerShell = try #require(verify.firstMatch(of: /```powershell\n(.*?)```/.dotMatchesNewlines())).1
        #expect(powerShell.hasPrefix("& {\n"))
        #expect(
            powerShell.contains(
                "\n  [Net.ServicePointManager]::SecurityProtocol = "
                    + "[Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12\n"))
        #expect(powerShell.contains("Read-Host -AsSecureString 'Secret Token'"))
        #expect(
            powerShell.contains(
                #"Uri = '\#(url)/Users?filter=userName%20eq%20%2200000000-0000-0000-0000-000000000000%22'; Headers = @{ Authorization = "Bearer $env:AIWARE_SCIM_TOKEN" }"#
            ))
        #expect(powerShell.contains("if ($PSVersionTable.PSVersion.Major -ge 7) { $request.SkipHttpErrorCheck = $true }"))
        #expect(powerShell.contains(#""HTTP $([int]$refusal.StatusCode)""#))
        // The token goes whatever happens: a refusal, no answer at all, or nothing typed.
        #expect(
            powerShell.hasSuffix("  } finally {\n    Remove-Item Env:AIWARE_SCIM_TOKEN -ErrorAction SilentlyContinue\n  }\n}\n"))

        // In every command, "Bearer" is followed by the variable, never by a value.
        let commands = markdown.matches(of: /```(?:sh|powershell)\n(.*?)```/.dotMatchesNewlines()).map { String($0.1) }.joined()
        for match in commands.matches(of: /Bearer (\S+)/) {
            #expect(["%s\\n'", "$env:AIWARE_SCIM_TOKEN\""].contains(String(match.1)), "unexpected text after Bearer: \(match.1)")
        }
    }

    @Test("opens with front matter naming the tenant, region and generator")
    func frontMatter() {
        #expect(
            markdown.hasPrefix(
                """
                ---
                title: "Provision users from Microsoft Entra ID into Veritone aiWARE"
                region: "us-1"
                tenant: "16f982b7-17fa-4c6c-a17b-9e7e018d42c0"
                tenant_url: "https://api.us-1.veritone.com/v1/admin/scim/16f982b7-17fa-4c6c-a17b-9e7e018d42c0"
                date: "2025-11-29"
                generator: "runbook \(RunbookRenderer.version)"
                """))
    }

    @Test("is one self-contained, accessible page that fetches nothing")
    func page() throws {
        #expect(html.hasPrefix("<!doctype html>\n<html lang=\"en\">"))
        #expect(html.contains(#"<meta charset="utf-8">"#))
        #expect(html.contains(#"<meta name="viewport" content="width=device-width, initial-scale=1">"#))
        #expect(html.matches(of: /<script/).count == 1)
        #expect(!html.contains("<link"))
        #expect(html.firstMatch(of: /\ssrc=/) == nil)
        #expect(html.contains("@media print"))
        #expect(html.contains("prefers-color-scheme: dark"))
        #expect(html.firstMatch(of: /<input type="checkbox" class="step-done" id="([^"]+)">\s*<label for="\1">/) != nil)
        #expect(html.contains(#"<main id="runbook" data-tenant="16f982b7-17fa-4c6c-a17b-9e7e018d42c0">"#))
    }

    @Test("allows its inline style and script by hash only, and nothing else")
    func contentSecurityPolicy() throws {
        let style = try #require(html.firstMatch(of: /<style>(.*?)<\/style>/.dotMatchesNewlines()))
        let script = try #require(html.firstMatch(of: /<script>(.*?)<\/script>/.dotMatchesNewlines()))
        let hash = { (text: Substring) in Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString() }
        #expect(
            html.contains(
                "content=\"default-src 'none'; style-src 'sha256-\(hash(style.1))'; script-src 'sha256-\(hash(script.1))'; img-src data:; base-uri 'none'; form-action 'none'\""
            ))
        #expect(!html.contains("unsafe-inline"))
        #expect(html.firstMatch(of: /\son[a-z]+=/) == nil, "no inline event handler")
    }

    @Test("links every in-page reference to a heading that exists")
    func internalLinks() {
        let ids = Set(html.matches(of: /\sid="([^"]+)"/).map { String($0.1) })
        for link in html.matches(of: /href="#([^"]+)"/) {
            #expect(ids.contains(String(link.1)), "#\(link.1) has no target")
        }
    }

    private func section(_ heading: String) -> Substring {
        guard let start = markdown.range(of: "\n## \(heading)\n") else { return "" }
        let rest = markdown[start.upperBound...]
        return rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)]
    }

    private func subsection(_ heading: String) -> Substring {
        guard let start = markdown.range(of: "\n### \(heading)\n") else { return "" }
        let rest = markdown[start.upperBound...]
        return rest[..<(rest.firstRange(of: #/\n##/#)?.lowerBound ?? rest.endIndex)]
    }
}

@Suite("Hostile values in every output")
struct HostileRunbookTests {
    static let placeholder = "PLACEHOLDERVALUE"

    /// The runbook with the hostile customer must equal the runbook with a plain placeholder,
    /// once the value's escaped form is swapped back: the value changed no structure at all.
    @Test("a customer name is inert in the Markdown and its front matter", arguments: HostileValues.all)
    func markdown(value: String) throws {
        let runbook = Runbook(tenant: RunbookRendererTests.example.tenant, customer: value)
        let customer = try #require(runbook.customer)
        let hostile = try Fixtures.renderer.markdown(for: runbook)
        let plain = try Fixtures.renderer.markdown(for: Runbook(tenant: runbook.tenant, customer: Self.placeholder))

        let restored =
            hostile
            .replacingOccurrences(of: customer.jsonQuoted, with: Self.placeholder.jsonQuoted)
            .replacingOccurrences(of: customer.markdownEscaped, with: Self.placeholder)
        #expect(restored == plain)

        let frontMatter = try #require(hostile.firstMatch(of: /\ncustomer: (.*)\n/))
        let decoded = try JSONSerialization.jsonObject(with: Data(frontMatter.1.utf8), options: .fragmentsAllowed) as? String
        #expect(decoded == customer)
    }

    @Test("a customer name is inert in the HTML page", arguments: HostileValues.all)
    func html(value: String) throws {
        let runbook = Runbook(tenant: RunbookRendererTests.example.tenant, customer: value)
        let customer = try #require(runbook.customer)
        let hostile = try Fixtures.renderer.html(for: runbook)
        let plain = try Fixtures.renderer.html(for: Runbook(tenant: runbook.tenant, customer: Self.placeholder))

        // The page layout escapes with runbook's HTML escaping, the body with cmark-gfm's.
        let restored =
            hostile
            .replacingOccurrences(of: customer.htmlEscaped, with: Self.placeholder)
            .replacingOccurrences(of: Readers.cmarkEscaped(customer), with: Self.placeholder)
        #expect(restored == plain)
    }

    @Test("a customer name never changes a command line")
    func commands() throws {
        for value in HostileValues.all {
            let runbook = Runbook(tenant: RunbookRendererTests.example.tenant, customer: value)
            let withCustomer = try Fixtures.renderer.markdown(for: runbook)
            let codeBlocks = { (text: String) in text.matches(of: /```[a-z]*\n.*?```/.dotMatchesNewlines()).map { String($0.0) } }
            #expect(codeBlocks(withCustomer) == codeBlocks(RunbookRendererTests.example.markdownText))
        }
    }
}

extension Runbook {
    fileprivate var markdownText: String { try! Fixtures.renderer.markdown(for: self) }
}
