// Break points in code that holds a path or URL, inline or the Tenant URL's own block, so that in
// a table cell or on a narrow screen it breaks between its parts, never inside a word or at the
// hyphen of `us-1`.
//
// This works on the rendered HTML, not the tree: cmark-gfm's table extension lets a cell hold
// no custom node, so a rewritten code span would vanish from a table, where it matters most.
extension MarkdownParser {
    /// The HTML cmark-gfm rendered, with each inline `<code>` that has a `/` between other text
    /// cut after every run of slashes: `<code class="path">`, each part in a `<span>` the
    /// stylesheet keeps on one line, a `<wbr>` between parts (in a block, a part wider than the
    /// whole line, a tenant ID on a phone, still wraps inside itself). A host or a tenant ID stays one
    /// text node, which the personaliser finds and replaces. A `text` code block that is one
    /// path, such as the Tenant URL's, is cut the same way (`class="language-text path"`); other
    /// code blocks, commands among them, stay as they are.
    ///
    /// cmark-gfm writes an inline code span as a bare `<code>`, a code block as `<pre><code`,
    /// and escapes every `<` inside, so a span ends at the next `</code>`. The bytes are read
    /// where cmark-gfm left them and made a String once: every page goes through here.
    static func textAddingPathBreaks(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard var start = bytes.firstOffset(of: PathTag.open, from: 0) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + bytes.count / 16)
        var index = 0
        while true {
            let end = bytes.firstOffset(of: PathTag.close, from: start) ?? bytes.count
            if let tag = PathTag(bytes, at: start) {
                let textStart = start + tag.opening.count
                // A block's text ends in the newline cmark-gfm keeps before `</code>`.
                let textEnd = tag == .block && end > textStart && bytes[end - 1] == UInt8(ascii: "\n") ? end - 1 : end
                let text = bytes[textStart..<textEnd]
                let parts = pathParts(text)
                if parts.count > 1, tag == .inline || !text.contains(where: { $0 <= UInt8(ascii: " ") }) {
                    result += bytes[index..<start]
                    result += tag.replacement.utf8
                    for (number, part) in parts.enumerated() {
                        if number > 0 { result += "<wbr>".utf8 }
                        result += "<span>".utf8
                        result += part
                        result += "</span>".utf8
                    }
                    index = textEnd
                }
            }
            guard let next = bytes.firstOffset(of: PathTag.open, from: end) else { break }
            start = next
        }
        result += bytes[index...]
        return String(decoding: result, as: UTF8.self)
    }

    /// The code elements that get path breaks: inline code, and a `text` code block that is one
    /// path (no space or line break inside).
    private enum PathTag {
        case inline, block

        static let open = Array("<code".utf8)
        static let close = Array("</code>".utf8)
        private static let pre = Array("<pre>".utf8)

        /// The tag at `start`, where `bytes` hold `<code`, or nil for any other code block.
        init?(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) {
            let inBlock = bytes[..<start].suffix(Self.pre.count).elementsEqual(Self.pre)
            if !inBlock, bytes[start...].starts(with: Self.inline.opening) {
                self = .inline
            } else if inBlock, bytes[start...].starts(with: Self.block.opening) {
                self = .block
            } else {
                return nil
            }
        }

        private static let inlineOpening = Array("<code>".utf8)
        private static let blockOpening = Array(#"<code class="language-text">"#.utf8)

        /// The tag as cmark-gfm writes it.
        var opening: [UInt8] { self == .inline ? Self.inlineOpening : Self.blockOpening }

        /// The tag that replaces it.
        var replacement: String {
            switch self {
            case .inline: #"<code class="path">"#
            case .block: #"<code class="language-text path">"#
            }
        }
    }

    /// The text cut after every run of slashes that has text before and after it.
    private static func pathParts(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> [Slice<UnsafeBufferPointer<UInt8>>] {
        let slash = UInt8(ascii: "/")
        var parts: [Slice<UnsafeBufferPointer<UInt8>>] = []
        var partStart = text.startIndex
        var textBefore = false
        for position in text.indices {
            if text[position] != slash {
                textBefore = true
            } else if textBefore, position + 1 < text.endIndex, text[position + 1] != slash {
                parts.append(text[partStart...position])
                partStart = position + 1
            }
        }
        parts.append(text[partStart...])
        return parts
    }
}
