import Foundation
import RunbookTestSupport
import Testing

@testable import RunbookKit

@Suite("Escaping values for each output", .temporaryFolders)
struct EscapingTests {
    // MARK: Markdown

    @Test("escaped Markdown renders back as exactly the text, with no markup", arguments: HostileValues.all)
    func markdownRoundTrip(value: String) {
        let text = String(value.sanitizedForTemplates.trimmingPasteWhitespace())
        let html = MarkdownParser().html(from: text.markdownEscaped)
        #expect(html == "<p>\(Readers.cmarkEscaped(text))</p>\n")
    }

    @Test("escaped Markdown stays inert for 2,000 random strings of Markdown's own characters")
    func markdownRandom() {
        var generator = SeededGenerator(seed: 0x5EED)
        let alphabet =
            Array("*_[]()<>!#`~|\\&;:/.@-+=\"' \tabcAZ09www.http:@\n").map(String.init) + [
                "1.", "9)", "WwW.", "&#x41;", "&amp;", "://", " - ", "10.",
            ]
        for _ in 0..<2_000 {
            let length = Int.random(in: 1...40, using: &generator)
            let value = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let text = String(value.sanitizedForTemplates.trimmingPasteWhitespace())
            guard !text.isEmpty else { continue }
            let html = MarkdownParser().html(from: text.markdownEscaped)
            #expect(html == "<p>\(Readers.cmarkEscaped(text))</p>\n", "value: \(value.debugDescription)")
        }
    }

    @Test(
        "plain values read the same in the raw Markdown: a backslash only where markup could start",
        arguments: [
            ("2025-11-29", "2025-11-29"), ("0.1.0", "0.1.0"), ("us-1", "us-1"), ("runbook 0.1.0", "runbook 0.1.0"),
            ("United States (production)", "United States (production)"), ("Contoso Ltd.", "Contoso Ltd."),
            ("AT&T", "AT&T"), ("C:\\Users", "C:\\Users"), ("Acme - EMEA", "Acme - EMEA"), ("100% #1", "100% #1"),
            ("-5 Corp", "-5 Corp"), ("#1", "#1"), ("- Corp", "\\- Corp"), ("# One", "\\# One"), ("1. One", "1\\. One"),
            ("2025) Ltd", "2025\\) Ltd"), ("===", "\\==="), ("> x", "\\> x"), ("+", "\\+"),
            ("a_b*c", "a\\_b\\*c"), ("www.x.example", "www\\.x.example"), ("https://x", "https\\://x"),
            ("it@x.example", "it\\@x.example"), ("&amp;", "\\&amp;"), ("a | b", "a \\| b"), ("end\\", "end\\\\"),
        ])
    func markdownMinimal(value: String, escaped: String) {
        #expect(value.markdownEscaped == escaped)
        #expect(MarkdownParser().html(from: escaped) == "<p>\(Readers.cmarkEscaped(value))</p>\n")
    }

    @Test("a code span holds any run of backticks", arguments: ["a", "`", "a`b", "``", "` a `", " lead", "x```y", "\u{301}`"])
    func codeSpan(value: String) {
        let html = MarkdownParser().html(from: "x \(value.markdownCodeSpan) y")
        #expect(html == "<p>x <code>\(Readers.cmarkEscaped(value))</code> y</p>\n")
    }

    @Test(
        "a run of backticks longer than cmark-gfm reads as a fence becomes escaped text, found by FuzzMarkdownEscaping",
        arguments: [79, 80, 200])
    func longBacktickRun(length: Int) {
        let value = "a" + String(repeating: "`", count: length) + "b"
        let html = MarkdownParser().html(from: "x \(value.markdownCodeSpan) y")
        #expect(html == (length < 80 ? "<p>x <code>\(value)</code> y</p>\n" : "<p>x \(value) y</p>\n"))
    }

    // MARK: Shells

    @Test(
        "a shell-quoted value reaches the command as one argument, unchanged and unexecuted",
        arguments: HostileValues.all)
    func posixShell(value: String) throws {
        let text = value.sanitizedForTemplates
        let directory = try TemporaryFolders.make()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "printf '%s' \(text.shellQuoted)"]
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: data, as: UTF8.self) == text)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test("a PowerShell verbatim string ends only at its closing quote", arguments: HostileValues.all)
    func powerShell(value: String) {
        let quoted = value.sanitizedForTemplates.powerShellQuoted
        #expect(Readers.powerShellVerbatimString(quoted) == value.sanitizedForTemplates)
    }

    // MARK: JSON and YAML

    @Test("a JSON string decodes to the value and holds no raw control character", arguments: HostileValues.all)
    func json(value: String) throws {
        let quoted = value.jsonQuoted
        let decoded = try JSONSerialization.jsonObject(with: Data(quoted.utf8), options: .fragmentsAllowed) as? String
        #expect(decoded == value)
        #expect(!quoted.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{2028}" })
        #expect(!quoted.contains { "<>&[]".contains($0) }, "front matter shown as Markdown must not open HTML or a link")
    }

    // MARK: HTML

    @Test("HTML escaping catches a quote even when a combining mark follows it")
    func htmlCombiningMarks() {
        #expect("\"\u{301}'\u{301}<\u{301}&".htmlEscaped == "&quot;\u{301}&#39;\u{301}&lt;\u{301}&amp;")
    }
}

/// A small deterministic generator (SplitMix64), so random inputs repeat from run to run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
