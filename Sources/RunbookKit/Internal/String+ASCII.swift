extension UInt8 {
    var isASCIIHexDigit: Bool {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
            UInt8(ascii: "A")...UInt8(ascii: "F"):
            true
        default: false
        }
    }

    var isASCIILowercaseLetterOrDigit: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}

extension StringProtocol {
    /// Lower-cases A–Z only. Unicode case mapping would let a look-alike such as the Kelvin
    /// sign (U+212A) fold into an ASCII host name.
    func asciiLowercased() -> String {
        String(
            decoding: utf8.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 + 32 : $0 },
            as: UTF8.self)
    }

    /// The text for quoting inside an error message: ``visibleForMessage(limit:)`` in quotes.
    package func quotedForMessage(limit: Int = 80) -> String {
        "‘\(visibleForMessage(limit: limit))’"
    }

    /// The text as a message may show it: control characters and bidirectional overrides shown
    /// as escapes, and long text cut in the middle, so a pasted blob or a server's answer cannot
    /// flood or restyle a terminal. Counted in Unicode scalars, as the browser personaliser
    /// counts code points.
    package func visibleForMessage(limit: Int = 80) -> String {
        var shown: [Unicode.Scalar] = []
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                shown += "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars
            default:
                shown.append(scalar)
            }
        }
        if shown.count > limit {
            shown = Array(shown.prefix(limit / 2)) + ["…"] + Array(shown.suffix(limit / 2 - 1))
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: shown)
        return String(text)
    }
}
