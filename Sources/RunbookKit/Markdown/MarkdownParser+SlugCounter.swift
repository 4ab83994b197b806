import Foundation

extension MarkdownParser {
    /// Makes heading `id`s the way GitHub does: lower-case, punctuation dropped, spaces as hyphens,
    /// and `-1`, `-2` … after a repeat.
    struct SlugCounter {
        private var seen: [String: Int] = [:]

        mutating func next(for text: String) -> String {
            var slug = text.utf8.allSatisfy { $0 < 0x80 } ? Self.asciiSlug(text) : Self.unicodeSlug(text)
            if slug.isEmpty { slug = "section" }
            defer { seen[slug, default: 0] += 1 }
            guard let count = seen[slug] else { return slug }
            return "\(slug)-\(count)"
        }

        private static func unicodeSlug(_ text: String) -> String {
            var slug = ""
            for character in text.lowercased() {
                if character.isLetter || character.isNumber || character == "-" || character == "_" {
                    slug.append(character)
                } else if character == " " {
                    slug.append("-")
                }
            }
            return slug
        }

        /// The same for ASCII text, byte by byte: nearly every heading, and several times faster
        /// than asking each Character for its Unicode properties.
        private static func asciiSlug(_ text: String) -> String {
            var slug: [UInt8] = []
            slug.reserveCapacity(text.utf8.count)
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): slug.append(byte + 0x20)
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                    UInt8(ascii: "-"), UInt8(ascii: "_"):
                    slug.append(byte)
                case UInt8(ascii: " "): slug.append(UInt8(ascii: "-"))
                default: break
                }
            }
            return String(decoding: slug, as: UTF8.self)
        }
    }
}
