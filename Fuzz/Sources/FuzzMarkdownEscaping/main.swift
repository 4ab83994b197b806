import Foundation
import FuzzSupport

@testable import RunbookKit

// Each escaping a value goes through before it reaches an output, checked by reading the
// result back the way its consumer does: cmark-gfm for Markdown text and code spans, a JSON
// parser for JSON and YAML strings, JSONEncoder for the manifest's, PowerShell's and POSIX
// sh's quoting rules for commands.

// Without path breaks, which mark up a code span holding a `/`: the oracle reads the span whole.
private let parser = MarkdownParser(features: MarkdownParser.Features.all.subtracting(.pathBreaks))
private let manifestEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdownEscaping(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let value = FuzzInput(start, count).text
    let text = String(value.sanitizedForTemplates.trimmingPasteWhitespace())
    Oracle.require(
        !text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
            default: false
            }
        }, "the sanitised value \(text.debugDescription) holds a control, a line break or a bidirectional override")

    if !text.isEmpty {
        let html = parser.html(from: text.markdownEscaped)
        Oracle.require(
            html == "<p>\(Readers.cmarkEscaped(text))</p>\n",
            "escaped Markdown \(text.debugDescription) renders as \(html.debugDescription)")
        // A code span, or escaped text where cmark-gfm could read no fence long enough.
        let code = parser.html(from: "x \(text.markdownCodeSpan) y")
        let span =
            text.contains(String(repeating: "`", count: 80))
            ? Readers.cmarkEscaped(text) : "<code>\(Readers.cmarkEscaped(text))</code>"
        Oracle.require(
            code == "<p>x \(span) y</p>\n", "the code span of \(text.debugDescription) renders as \(code.debugDescription)")
    }

    let json = value.jsonQuoted
    let decoded = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String
    Oracle.require(decoded == value, "the JSON string \(json.debugDescription) does not decode to the value")
    Oracle.require(
        !json.unicodeScalars.contains {
            $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || "<>&[]".unicodeScalars.contains($0)
        },
        "a raw control character, or HTML or link syntax, in \(json.debugDescription)")

    // The manifest's strings: the bytes JSONEncoder writes, which decode to the value.
    let literal = value.jsonLiteral
    Oracle.require(
        literal == String(decoding: try! manifestEncoder.encode(value), as: UTF8.self),
        "the manifest's JSON string \(literal.debugDescription) is not what JSONEncoder writes")

    Oracle.require(
        Readers.powerShellVerbatimString(text.powerShellQuoted) == text,
        "the PowerShell string of \(text.debugDescription) is not that text")
    Oracle.require(
        Readers.posixShellWord(text.shellQuoted) == text, "the shell word of \(text.debugDescription) is not that text")
    return 0
}
