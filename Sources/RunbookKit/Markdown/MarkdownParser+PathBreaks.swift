// Break points in inline code that holds a path or URL, so that in a table cell or on a narrow
// screen it breaks between its parts, never inside a word or at the hyphen of `us-1`.
//
// This works on the rendered HTML, not the tree: cmark-gfm's table extension lets a cell hold
// no custom node, so a rewritten code span would vanish from a table, where it matters most.
extension MarkdownParser {
    /// The HTML cmark-gfm rendered, with each inline `<code>` that has a `/` between other text
    /// cut after every run of slashes: `<code class="path">`, each part in a `<span>` the
    /// stylesheet keeps on one line, a `<wbr>` between parts. A host or a tenant ID stays one
    /// text node, which the personaliser finds and replaces.
    ///
    /// cmark-gfm writes an inline code span as a bare `<code>` and a code block as `<pre><code`,
    /// and escapes every `<` inside, so a span ends at the next `</code>`. The bytes are read
    /// where cmark-gfm left them and made a String once: every page goes through here.
    static func textAddingPathBreaks(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let open = Array("<code>".utf8)
        let close = Array("</code>".utf8)
        let block = Array("<pre>".utf8)
        guard var start = bytes.firstOffset(of: open, from: 0) else { return String(decoding: bytes, as: UTF8.self) }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + bytes.count / 16)
        var index = 0
        while true {
            let textStart = start + open.count
            let end = bytes.firstOffset(of: close, from: textStart) ?? bytes.count
            let parts = pathParts(bytes[textStart..<end])
            if parts.count > 1, !bytes[..<start].suffix(block.count).elementsEqual(block) {
                result += bytes[index..<start]
                result += #"<code class="path">"#.utf8
                for (number, part) in parts.enumerated() {
                    if number > 0 { result += "<wbr>".utf8 }
                    result += "<span>".utf8
                    result += part
                    result += "</span>".utf8
                }
            } else {
                result += bytes[index..<end]
            }
            index = end
            guard let next = bytes.firstOffset(of: open, from: end) else { break }
            start = next
        }
        result += bytes[index...]
        return String(decoding: result, as: UTF8.self)
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
