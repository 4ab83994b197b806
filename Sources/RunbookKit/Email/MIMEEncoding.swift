import Foundation

/// The encodings a mail needs: quoted-printable bodies (RFC 2045), encoded words and folded
/// header lines (RFC 2047, RFC 5322). Every line they write ends in CRLF and stays far below
/// the 998-octet limit.
enum MIMEEncoding {
    /// Quoted-printable UTF-8 with CRLF line ends and encoded lines of at most 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            let bytes = Array(line.utf8)
            var width = 0
            for (position, byte) in bytes.enumerated() {
                let last = position == bytes.count - 1
                let literal: Bool =
                    switch byte {
                    case UInt8(ascii: "="): false
                    case UInt8(ascii: " "), UInt8(ascii: "\t"): !last
                    // "From " at a line's start is escaped, so no mailbox format mistakes it for a separator.
                    case UInt8(ascii: "F"): !(position == 0 && line.hasPrefix("From "))
                    case 33...126: true
                    default: false
                    }
                let token = literal ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
                if width + token.count > (last ? 76 : 75) {
                    output += "=\r\n"
                    width = 0
                }
                output += token
                width += token.count
            }
            if index < lines.count - 1 { output += "\r\n" }
        }
        return output
    }

    /// A header field, folded: `Name: value` with continuation lines starting with a space.
    /// ASCII text folds at its spaces; anything else becomes encoded words (RFC 2047).
    static func header(_ name: String, _ value: String) -> String {
        let prefix = "\(name): "
        let words = value.split(separator: " ", omittingEmptySubsequences: false)
        let ascii = value.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) }
        guard ascii, words.allSatisfy({ $0.count <= 70 }), !value.contains("=?") else {
            return prefix + encodedWords(value, firstLineRoom: 76 - prefix.count).joined(separator: "\r\n ")
        }
        var lines = [prefix]
        for (index, word) in words.enumerated() {
            let piece = index == 0 ? String(word) : " " + word
            if lines[lines.count - 1].count + piece.count > 78, index > 0 {
                lines.append("")
            }
            lines[lines.count - 1] += piece
        }
        return lines.joined(separator: "\r\n")
    }

    /// A display name: as it is when it is plain words, quoted when it holds specials, encoded
    /// when it is not ASCII.
    static func phrase(_ text: String) -> String {
        guard text.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) else {
            return encodedWords(text).joined(separator: " ")
        }
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~- ".utf8)
        if text.utf8.allSatisfy(atext.contains), !text.contains("=?") { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// `=?UTF-8?B?…?=` words of at most 75 characters, split between Unicode scalars. Each
    /// word fits a folded line of 76 characters; the first, a line of `firstLineRoom`.
    static func encodedWords(_ text: String, firstLineRoom: Int = 75) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        // 12 characters of "=?UTF-8?B??=", and 4 of base64 for every 3 bytes.
        let firstLimit = max(3, (firstLineRoom - 12) / 4 * 3)
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > (words.isEmpty ? min(firstLimit, 45) : 45) {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
        return words
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?\(Data(bytes).base64EncodedString())?="
    }
}
