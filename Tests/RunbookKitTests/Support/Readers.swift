/// How the consumers of runbook's escaped values read them back, written from their
/// specifications: the unit tests and the fuzz targets (which compile this same file, through a
/// link in Fuzz/Sources/FuzzSupport) check each escaping against them.
public enum Readers {
    /// cmark-gfm's escaping of text in HTML: `&`, `<`, `>` and `"`.
    public static func cmarkEscaped(_ text: String) -> String {
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

    /// Reads one PowerShell verbatim string the way PowerShell's tokenizer does: any of
    /// `'`, U+2018, U+2019, U+201A, U+201B opens and closes it, and two in a row stand for one.
    /// Returns the string's value, or `nil` when the text is not exactly one such string.
    public static func powerShellVerbatimString(_ text: String) -> String? {
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

    /// Reads one POSIX shell word made of single-quoted strings and backslash-escaped
    /// characters, as sh does (POSIX.1-2017, 2.2.1 and 2.2.2). Returns `nil` when any character
    /// would be special.
    public static func posixShellWord(_ text: String) -> String? {
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
}
