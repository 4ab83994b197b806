import Foundation
import FuzzSupport
@testable import RunbookKit

// Each escaping a value goes through before it reaches an output, checked by reading the
// result back the way its consumer does: cmark-gfm for Markdown text and code spans, a JSON
// parser for JSON and YAML strings, PowerShell's and POSIX sh's quoting rules for commands.

private let parser = MarkdownParser()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdownEscaping(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let value = FuzzInput(start, count).text
    let text = String(value.sanitizedForTemplates.trimmingPasteWhitespace())
    Oracle.require(!text.unicodeScalars.contains { scalar in
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }, "the sanitised value \(text.debugDescription) holds a control, a line break or a bidirectional override")

    if !text.isEmpty {
        let html = parser.html(from: text.markdownEscaped)
        Oracle.require(html == "<p>\(cmarkEscaped(text))</p>\n", "escaped Markdown \(text.debugDescription) renders as \(html.debugDescription)")
        // A code span, or escaped text where cmark-gfm could read no fence long enough.
        let code = parser.html(from: "x \(text.markdownCodeSpan) y")
        let span = text.contains(String(repeating: "`", count: 80)) ? cmarkEscaped(text) : "<code>\(cmarkEscaped(text))</code>"
        Oracle.require(code == "<p>x \(span) y</p>\n", "the code span of \(text.debugDescription) renders as \(code.debugDescription)")
    }

    let json = value.jsonQuoted
    let decoded = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String
    Oracle.require(decoded == value, "the JSON string \(json.debugDescription) does not decode to the value")
    Oracle.require(!json.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || "<>&[]".unicodeScalars.contains($0) },
                   "a raw control character, or HTML or link syntax, in \(json.debugDescription)")

    Oracle.require(powerShellVerbatimString(text.powerShellQuoted) == text, "the PowerShell string of \(text.debugDescription) is not that text")
    Oracle.require(posixSingleQuoted(text.shellQuoted) == text, "the shell word of \(text.debugDescription) is not that text")
    return 0
}

/// cmark-gfm's escaping of text: `&`, `<`, `>` and `"`.
private func cmarkEscaped(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result
}

/// One PowerShell verbatim string as PowerShell's tokenizer reads it: `'` and U+2018–U+201B
/// open and close it, and two in a row stand for one. `nil` unless the text is exactly one.
private func powerShellVerbatimString(_ text: String) -> String? {
    let isQuote: (Unicode.Scalar) -> Bool = { $0 == "'" || (0x2018...0x201B).contains($0.value) }
    var scalars = Array(text.unicodeScalars)[...]
    guard let open = scalars.popFirst(), isQuote(open) else { return nil }
    var value = String.UnicodeScalarView()
    while let scalar = scalars.popFirst() {
        if isQuote(scalar) {
            guard let next = scalars.first, isQuote(next) else { return scalars.isEmpty ? String(value) : nil }
            scalars.removeFirst()
        }
        value.append(scalar)
    }
    return nil
}

/// One POSIX shell word made of single-quoted strings and backslash-escaped characters, as sh
/// reads it (POSIX.1-2017, 2.2.2 and 2.2.1). `nil` when any character would be special.
private func posixSingleQuoted(_ text: String) -> String? {
    var scalars = Array(text.unicodeScalars)[...]
    var value = String.UnicodeScalarView()
    while let scalar = scalars.popFirst() {
        switch scalar {
        case "'":
            guard let close = scalars.firstIndex(of: "'") else { return nil }
            value.append(contentsOf: scalars[..<close])
            scalars = scalars[(close + 1)...]
        case "\\":
            guard let escaped = scalars.popFirst() else { return nil }
            value.append(escaped)
        default:
            return nil
        }
    }
    return String(value)
}
