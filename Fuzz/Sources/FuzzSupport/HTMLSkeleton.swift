/// The shape of an HTML document: each tag's name and attribute names, in order, with the text
/// and attribute values left out. Two renderings that differ only in the values put into them
/// have the same skeleton; a value that adds an element or an attribute changes it.
public struct HTMLSkeleton: Equatable, Sendable {
    /// One `<tag attr=…>` or `</tag>`, as `tag attr attr` or `/tag`.
    public private(set) var tags: [String] = []

    /// Reads the tags of an HTML text. Text between tags is skipped, as is the inside of
    /// `<script>` and `<style>`, which only templates write.
    public init(_ html: String) {
        let bytes = Array(html.utf8)
        var index = 0
        var rawTextEnd: [UInt8]?
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            if let end = rawTextEnd {
                guard bytes[index...].starts(with: end) else {
                    index += 1
                    continue
                }
                rawTextEnd = nil
            }
            if bytes[index...].starts(with: Array("<!--".utf8)) {
                tags.append("!--")
                index = Self.find(Array("-->".utf8), in: bytes, from: index + 4).map { $0 + 3 } ?? bytes.count
                continue
            }
            let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count
            let tag = Self.describe(bytes[(index + 1)..<close])
            tags.append(tag)
            if tag.hasPrefix("script") || tag.hasPrefix("style") {
                rawTextEnd = Array("</\(tag.prefix { $0 != " " })".utf8)
            }
            index = close + 1
        }
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard start <= bytes.count - needle.count else { return nil }
        return (start...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    /// `a href="x" class='y'` → `a href class`: names outside quotes, values dropped.
    private static func describe(_ inside: ArraySlice<UInt8>) -> String {
        var words: [String] = []
        var word: [UInt8] = []
        var quote: UInt8?
        var inValue = false
        for byte in inside {
            if let open = quote {
                if byte == open {
                    quote = nil
                    inValue = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                quote = byte
            case UInt8(ascii: "="):
                if !word.isEmpty {
                    words.append(String(decoding: word, as: UTF8.self))
                    word = []
                }
                inValue = true
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                if !word.isEmpty, !inValue { words.append(String(decoding: word, as: UTF8.self)) }
                word = []
                inValue = false
            default:
                if !inValue { word.append(byte) }
            }
        }
        if !word.isEmpty, !inValue { words.append(String(decoding: word, as: UTF8.self)) }
        return words.joined(separator: " ").lowercased()
    }
}
