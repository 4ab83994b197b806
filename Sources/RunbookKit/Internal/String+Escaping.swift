// Escaping for every kind of output a value can reach (REFERENCE.md, "Security facts").
//
// Everything here works on Unicode scalars, never on Characters: a quote followed by a combining
// mark is one Character that compares unequal to the quote, yet a browser, a shell or cmark-gfm
// still sees the quote.

extension String {
    /// The text with the characters a single-line value must never carry made harmless: line
    /// breaks and other control characters become spaces, and bidirectional embeddings,
    /// overrides and isolates become U+FFFD so they cannot reorder the text around them.
    var sanitizedForTemplates: String {
        // Most values are printable ASCII and come back unchanged.
        if utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) { return self }
        return mapScalars { scalar, result in
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: result.append(" ")
            case 0x202A...0x202E, 0x2066...0x2069: result.append("\u{FFFD}")
            default: result.append(scalar)
            }
        }
    }

    /// Inert Markdown text, with a backslash only where CommonMark or GFM could read markup, so
    /// plain values such as `2025-11-29`, `0.1.0` or `us-1` read the same in the raw file.
    ///
    /// The escaping does not depend on where the value lands, so a value reads back exactly in
    /// any of the templates' places: mid-line, in a table cell, or at the start of a line that
    /// continues a paragraph. Escaped, because they open markup anywhere: `` ` `` `*` `_` `~`
    /// `[` `]` `<` `|` (a table cell), `@` (GFM's e-mail autolinks), `&` before what reads as an
    /// entity, `\` before punctuation or at the end, `:` before `//` and `.` after `www` (GFM's
    /// URL autolinks). At the value's start, where a line may start, the markers that open a
    /// block there: `>`, a heading's `#`, a list item's `-`, `+` or digits and `.` or `)`, and a
    /// line of only `-`, `+` or `=`.
    var markdownEscaped: String {
        let bytes = Array(utf8)
        guard let escapes = Self.markdownEscapes(in: bytes) else { return self }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + escapes.count)
        var next = escapes.makeIterator()
        var pending = next.next()
        for (index, byte) in bytes.enumerated() {
            if index == pending {
                result.append(UInt8(ascii: "\\"))
                pending = next.next()
            }
            result.append(byte)
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The byte offsets that take a backslash, in order; `nil` when none does.
    private static func markdownEscapes(in bytes: [UInt8]) -> [Int]? {
        var escapes: [Int] = []
        let lineStart = bytes.firstIndex { $0 != UInt8(ascii: " ") } ?? bytes.endIndex
        var digits = 0
        for (index, byte) in bytes.enumerated() {
            let escape: Bool
            switch byte {
            case UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "["),
                UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: "|"), UInt8(ascii: "@"):
                escape = true
            case UInt8(ascii: "\\"):
                escape = index + 1 == bytes.count || bytes[index + 1].isASCIIPunctuation
            case UInt8(ascii: "&"):
                escape = opensEntity(bytes, at: index)
            case UInt8(ascii: ":"):
                escape = bytes[(index + 1)...].starts(with: "//".utf8)
            case UInt8(ascii: ">"):
                escape = index == lineStart
            case UInt8(ascii: "#"):
                let run = bytes[index...].prefix { $0 == byte }.count
                escape = index == lineStart && run <= 6 && endsMarker(bytes, at: index + run)
            case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "="):
                // A list item's marker, or a line of only these: a thematic break or a setext underline.
                let onlyThese = bytes[index...].allSatisfy { $0 == byte || $0 == UInt8(ascii: " ") }
                escape = index == lineStart && ((byte != UInt8(ascii: "=") && endsMarker(bytes, at: index + 1)) || onlyThese)
            case UInt8(ascii: "."), UInt8(ascii: ")"):
                let afterWWW =
                    byte == UInt8(ascii: ".") && index >= 3
                    && bytes[(index - 3)..<index].allSatisfy { $0 | 0x20 == UInt8(ascii: "w") }
                let listMarker = digits > 0 && digits <= 9 && index == lineStart + digits && endsMarker(bytes, at: index + 1)
                escape = afterWWW || listMarker
            default:
                escape = false
            }
            if escape { escapes.append(index) }
            if index >= lineStart, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits == index - lineStart {
                digits += 1
            }
        }
        return escapes.isEmpty ? nil : escapes
    }

    /// Whether a block marker that ends before `index` is followed by white space or the end, as
    /// CommonMark requires of a list item's or a heading's marker.
    private static func endsMarker(_ bytes: [UInt8], at index: Int) -> Bool {
        index == bytes.count || bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t")
    }

    /// Whether the `&` at `index` starts what CommonMark reads as an entity or a numeric
    /// character reference: `&` then letters, digits or `#`, then `;`.
    private static func opensEntity(_ bytes: [UInt8], at index: Int) -> Bool {
        var position = index + 1
        while position < bytes.count, bytes[position] == UInt8(ascii: "#") || bytes[position].isASCIIAlphanumeric {
            position += 1
        }
        return position > index + 1 && position < bytes.count && bytes[position] == UInt8(ascii: ";")
    }

    /// A Markdown code span: a backtick fence longer than any run of backticks inside, padded
    /// with spaces where the text starts or ends with a backtick or a space. Text with a run of
    /// 80 backticks or more becomes escaped text instead: cmark-gfm reads no fence longer than
    /// 80 (`MAXBACKTICKS` in its inlines.c), so no code span can hold it.
    var markdownCodeSpan: String {
        guard let first = utf8.first, let last = utf8.last else { return "" }
        var longest = 0
        var run = 0
        for byte in utf8 {
            run = byte == UInt8(ascii: "`") ? run + 1 : 0
            longest = Swift.max(longest, run)
        }
        guard longest < 80 else { return markdownEscaped }
        let fence = String(repeating: "`", count: longest + 1)
        let padded = [first, last].contains { $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: " ") }
        return padded ? fence + " " + self + " " + fence : fence + self + fence
    }

    /// A POSIX shell word: single quotes, inside which only `'` needs care, written `'\''`.
    package var shellQuoted: String {
        "'"
            + mapScalars { scalar, result in
                if scalar == "'" { result.append(#"'\'"#) }
                result.append(scalar)
            } + "'"
    }

    /// A PowerShell verbatim string. PowerShell also ends a single-quoted string at the
    /// typographic quotes U+2018–U+201B, so those are doubled like `'`.
    var powerShellQuoted: String {
        "'"
            + mapScalars { scalar, result in
                if scalar == "'" || (0x2018...0x201B).contains(scalar.value) { result.append(scalar) }
                result.append(scalar)
            } + "'"
    }

    /// A JSON string literal, which is also a YAML double-quoted scalar: every control
    /// character, DEL, C1 control, line or paragraph separator and byte-order mark is written
    /// as an escape. So are `<`, `>`, `&`, `[` and `]`, which could open HTML or a Markdown
    /// link where a renderer that knows no front matter shows it as Markdown.
    var jsonQuoted: String {
        "\""
            + mapScalars { scalar, result in
                switch scalar {
                case "\"": result.append(#"\""#)
                case "\\": result.append(#"\\"#)
                case "\n": result.append(#"\n"#)
                case "\t": result.append(#"\t"#)
                case "\r": result.append(#"\r"#)
                default:
                    switch scalar.value {
                    case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0x3C, 0x3E, 0x26, 0x5B, 0x5D:
                        let hex = String(scalar.value, radix: 16, uppercase: true)
                        result.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                    default:
                        result.append(scalar)
                    }
                }
            } + "\""
    }

    /// A JSON string literal escaped only where JSON requires it (RFC 8259 §7: the quote, the
    /// backslash and C0 controls), as `JSONEncoder` writes it: for JSON only programs read, such
    /// as the manifest. Anything a person or another format may read takes ``jsonQuoted``.
    package var jsonLiteral: String {
        if utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) { return "\"" + self + "\"" }
        return "\""
            + mapScalars { scalar, result in
                switch scalar {
                case "\"": result.append(#"\""#)
                case "\\": result.append(#"\\"#)
                case "\u{08}": result.append(#"\b"#)
                case "\t": result.append(#"\t"#)
                case "\n": result.append(#"\n"#)
                case "\u{0C}": result.append(#"\f"#)
                case "\r": result.append(#"\r"#)
                case "\u{00}"..."\u{1F}":
                    let hex = String(scalar.value, radix: 16)
                    result.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                default: result.append(scalar)
                }
            } + "\""
    }

    /// Text for an HTML element or a quoted attribute value.
    var htmlEscaped: String {
        mapScalars { scalar, result in
            if scalar == "'" { result.append("&#39;") } else { Self.appendCmarkEscaped(scalar, to: &result) }
        }
    }

    /// Text as cmark-gfm's HTML renderer writes it (`houdini_escape_html0` outside its secure
    /// mode): as ``htmlEscaped``, but `'` stays as it is.
    var cmarkTextEscaped: String {
        mapScalars { scalar, result in Self.appendCmarkEscaped(scalar, to: &result) }
    }

    private static func appendCmarkEscaped(_ scalar: Unicode.Scalar, to result: inout ScalarWriter) {
        switch scalar {
        case "&": result.append("&amp;")
        case "<": result.append("&lt;")
        case ">": result.append("&gt;")
        case "\"": result.append("&quot;")
        default: result.append(scalar)
        }
    }

    private func mapScalars(_ transform: (Unicode.Scalar, inout ScalarWriter) -> Void) -> String {
        var result = ScalarWriter(capacity: utf8.count)
        for scalar in unicodeScalars { transform(scalar, &result) }
        return String(decoding: result.bytes, as: UTF8.self)
    }
}

/// Collects escaped text as UTF-8 bytes: appending to a `String.UnicodeScalarView` one scalar
/// at a time costs several times as much, and escaping runs for every value of every runbook.
private struct ScalarWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity + capacity / 8 + 2) }

    mutating func append(_ scalar: Unicode.Scalar) {
        UTF8.encode(scalar) { bytes.append($0) }
    }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }
}

extension UInt8 {
    /// CommonMark's ASCII punctuation: `!` to `/`, `:` to `@`, `[` to `` ` ``, `{` to `~`.
    fileprivate var isASCIIPunctuation: Bool {
        switch self {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: true
        default: false
        }
    }

    fileprivate var isASCIIAlphanumeric: Bool {
        switch self | 0x20 {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): true
        default: (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
        }
    }
}
