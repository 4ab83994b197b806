import Testing

@testable import RunbookKit

@Suite("Markdown to HTML through cmark-gfm")
struct MarkdownParserTests {
    let parser = MarkdownParser()

    @Test(
        "renders GitHub's extensions",
        arguments: [
            ("| a | b |\n| --- | :-: |\n| 1 | 2 |", #"<td align="center">2</td>"#),
            ("- [ ] open\n- [x] done", #"<input type="checkbox" checked="" disabled="" />"#),
            ("~~gone~~", "<del>gone</del>"),
            (
                "see https://learn.microsoft.com/entra",
                #"<a href="https://learn.microsoft.com/entra">https://learn.microsoft.com/entra</a>"#
            ),
            ("text[^1]\n\n[^1]: the note", #"<section class="footnotes" data-footnotes>"#),
            ("<https://example.com>", #"<a href="https://example.com">"#),
        ])
    func extensions(markdown: String, expected: String) {
        #expect(parser.html(from: markdown).contains(expected))
    }

    @Test("leaves raw HTML out unless asked, and filters dangerous tags when it is let in")
    func rawHTML() {
        #expect(parser.html(from: "<b>x</b>") == "<p><!-- raw HTML omitted -->x<!-- raw HTML omitted --></p>\n")
        let unsafe = MarkdownParser(options: [.unsafe])
        #expect(unsafe.html(from: "<script>x</script>\n\n<b>y</b>").contains("&lt;script>x&lt;/script>"))
        #expect(unsafe.html(from: "<b>y</b>").contains("<b>y</b>"))
    }

    @Test(
        "turns GitHub alerts into labelled callouts",
        arguments: [
            ("NOTE", "Note"), ("TIP", "Tip"), ("IMPORTANT", "Important"), ("WARNING", "Warning"), ("CAUTION", "Caution"),
            ("warning", "Warning"),
        ])
    func alert(kind: String, label: String) {
        let html = parser.html(from: "> [!\(kind)]\n> Do not close the dialog.\n")
        #expect(
            html == """
                <aside class="callout callout-\(label.lowercased())" role="note">
                <p class="callout-label">\(label)</p>
                <p>Do not close the dialog.</p>
                </aside>

                """)
    }

    @Test(
        "keeps a quote that only looks like an alert a quote",
        arguments: [
            "> [!WARNING] text on the same line",
            "> [!DANGER]\n> not a kind GitHub has",
            "> plain quote",
            "> \\[!WARNING]\n> escaped",
        ])
    func notAnAlert(markdown: String) {
        let html = parser.html(from: markdown)
        #expect(html.hasPrefix("<blockquote>"))
        #expect(!html.contains("callout"))
    }

    @Test("an alert keeps every block inside it")
    func alertWithBlocks() {
        let html = parser.html(from: "> [!NOTE]\n> First.\n>\n> - one\n> - two\n>\n> ```sh\n> echo hi\n> ```\n")
        #expect(html.contains(#"<p class="callout-label">Note</p>"#))
        #expect(
            html.contains(
                "<p>First.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<pre><code class=\"language-sh\">echo hi\n</code></pre>\n</aside>"
            ))
    }

    @Test(
        "gives headings GitHub's ids",
        arguments: [
            ("## Generate an API token", #"<h2 id="generate-an-api-token">"#),
            ("## What Entra's messages mean", #"<h2 id="what-entras-messages-mean">"#),
            ("## Alternately, provision on demand", #"<h2 id="alternately-provision-on-demand">"#),
            ("### `runbook verify` -- and *more*", #"<h3 id="runbook-verify----and-more">"#),
            ("## Ünïcode 日本", #"<h2 id="ünïcode-日本">"#),
            ("## !!!", #"<h2 id="section">"#),
            // ASCII headings take a byte-by-byte path; one non-ASCII character takes the other.
            ("## Step_2: Tenant URL (SCIM 2.0)", #"<h2 id="step_2-tenant-url-scim-20">"#),
            ("## Step_2: Tenant URL (SCIM 2.0) ✓", #"<h2 id="step_2-tenant-url-scim-20-">"#),
        ])
    func headingID(markdown: String, expected: String) {
        #expect(parser.html(from: markdown).hasPrefix(expected))
    }

    @Test("numbers repeated headings like GitHub")
    func repeatedHeadings() {
        let html = parser.html(from: "## Steps\n\n## Steps\n\n## Steps\n")
        #expect(html.contains(#"id="steps""#) && html.contains(#"id="steps-1""#) && html.contains(#"id="steps-2""#))
    }

    @Test("makes numbered task lists steps with stable ids and labelled checkboxes")
    func steps() {
        let html = parser.html(
            from: """
                ## Generate an API token

                1. [ ] Select **Security > API Tokens**.
                2. [x] Click **New Token**.

                   The panel opens.

                ## Finalize

                3. [ ] Select **Save**.
                """)
        #expect(
            html.contains(
                """
                <ol class="steps">
                <li class="step" id="step-generate-an-api-token-1">
                <p><input type="checkbox" class="step-done" id="step-generate-an-api-token-1-done"> \
                <label for="step-generate-an-api-token-1-done">Select <strong>Security &gt; API Tokens</strong>.</label></p>
                </li>
                <li class="step" id="step-generate-an-api-token-2">
                <p><input type="checkbox" class="step-done" id="step-generate-an-api-token-2-done" checked> \
                <label for="step-generate-an-api-token-2-done">Click <strong>New Token</strong>.</label></p>
                <p>The panel opens.</p>
                </li>
                </ol>
                """))
        #expect(html.contains(#"<ol class="steps" start="3">"#))
        #expect(html.contains(#"<li class="step" id="step-finalize-1">"#))
        #expect(!html.contains("disabled"))
    }

    @Test("leaves bullet task lists and plain numbered lists alone")
    func notSteps() {
        #expect(parser.html(from: "- [ ] bullet").contains(#"<input type="checkbox" disabled="" />"#))
        #expect(parser.html(from: "1. plain").contains("<ol>\n<li>plain</li>"))
    }

    @Test(
        "code holding a path breaks only after its slashes, in a table and in a text block that is one path; other blocks stay as they are",
        arguments: [
            (
                "| a |\n| --- |\n| `https://api.us-1.veritone.com/v1/<tenant ID>` |",
                #"<td><code class="path"><span>https://</span><wbr><span>api.us-1.veritone.com/</span><wbr>"#
                    + #"<span>v1/</span><wbr><span>&lt;tenant ID&gt;</span></code></td>"#
            ),
            (
                "and `/callback/login` removed",
                #"and <code class="path"><span>/callback/</span><wbr><span>login</span></code> removed"#
            ),
            ("`a//b/`", #"<code class="path"><span>a//</span><wbr><span>b/</span></code>"#),
            ("`/Users`, `scim`, `//`", "<code>/Users</code>, <code>scim</code>, <code>//</code>"),
            (
                "```text\nhttps://api.us-1.veritone.com/v1/admin/scim/16f982b7\n```",
                #"<pre><code class="language-text path"><span>https://</span><wbr><span>api.us-1.veritone.com/</span><wbr>"#
                    + #"<span>v1/</span><wbr><span>admin/</span><wbr><span>scim/</span><wbr><span>16f982b7</span>\#n</code></pre>"#
            ),
            ("```\nhttps://a.example/b/c\n```", "<pre><code>https://a.example/b/c\n</code></pre>"),
            ("```sh\nls /tmp/x\n```", #"<pre><code class="language-sh">ls /tmp/x\#n</code></pre>"#),
            (
                "```text\nsee https://a.example/b\n```",
                #"<pre><code class="language-text">see https://a.example/b\#n</code></pre>"#
            ),
            (
                "```text\nhttps://a.example/b\nhttps://a.example/c\n```",
                #"<pre><code class="language-text">https://a.example/b\#nhttps"#
            ),
            ("```text\n```", #"<pre><code class="language-text"></code></pre>"#),
            ("```text\nscim\n```", #"<pre><code class="language-text">scim\#n</code></pre>"#),
        ])
    func pathBreaks(markdown: String, expected: String) {
        #expect(parser.html(from: markdown).contains(expected))
        #expect(!MarkdownParser(features: []).html(from: markdown).contains("<wbr>"))
    }

    @Test(
        "an address stays text, whatever stands before its scheme; links people wrote stay links",
        arguments: [
            ("Write to it@contoso.example", "<p>Write to it@contoso.example</p>"),
            ("support-mailto:help@contoso.example", "<p>support-mailto:help@contoso.example</p>"),
            ("Acme.xmpp:bot@acme.example and mailto:a@b.example", "<p>Acme.xmpp:bot@acme.example and mailto:a@b.example</p>"),
            (
                "[write](mailto:it@contoso.example) <https://a.example/x@y>",
                #"<p><a href="mailto:it@contoso.example">write</a> <a href="https://a.example/x@y">"#
            ),
        ])
    func emailAddresses(markdown: String, expected: String) {
        #expect(parser.html(from: markdown).hasPrefix(expected))
    }

    @Test("every feature can be switched off")
    func featuresOff() {
        let plain = MarkdownParser(features: [])
        let html = plain.html(from: "## Title\n\n> [!NOTE]\n> x\n\n1. [ ] step\n\nuser@example.com")
        #expect(html.contains("<h2>Title</h2>"))
        #expect(html.contains("<blockquote>"))
        #expect(html.contains(#"<input type="checkbox" disabled="" />"#))
        #expect(html.contains("mailto:user@example.com"))
    }

    @Test("replaces invalid UTF-8 and NUL instead of passing them on")
    func invalidBytes() {
        #expect(parser.html(from: "a\u{0}b") == "<p>a\u{FFFD}b</p>\n")
    }

    @Test("wraps an experience's part, to the next heading of its level or above, in a section the page can hide")
    func experienceSections() {
        let markdown = """
            ## Part

            ### Classic experience: save

            Select **Save**.

            #### Detail

            More.

            ### Newer experience

            Select **Create**.

            ### Both experiences: check

            Shared.

            ### Classic experiences of others

            Not an experience.
            """
        let html = MarkdownParser(features: .experienceSections).html(from: markdown)
        #expect(
            html == """
                <h2>Part</h2>
                <section class="experience" data-experience="classic" data-experience-cue="Get started">
                <h3>Classic experience: save</h3>
                <p>Select <strong>Save</strong>.</p>
                <h4>Detail</h4>
                <p>More.</p>
                </section>
                <section class="experience" data-experience="newer" data-experience-cue="+ New configuration">
                <h3>Newer experience</h3>
                <p>Select <strong>Create</strong>.</p>
                </section>
                <h3>Both experiences: check</h3>
                <p>Shared.</p>
                <h3>Classic experiences of others</h3>
                <p>Not an experience.</p>

                """)
        // A level-2 heading never opens one: a part is shared or split inside.
        #expect(!MarkdownParser(features: .experienceSections).html(from: "## Classic experience\n").contains("<section"))
    }
}
