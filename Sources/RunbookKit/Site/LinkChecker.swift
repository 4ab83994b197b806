import Foundation

/// Checks every internal link of pages: the page linked to must be one of the site's, and a
/// `#fragment` must be the `id` of an element on it.
struct LinkChecker {
    /// Each page's path in the output folder, with the ids of its elements.
    private var ids: [String: Set<String>] = [:]

    /// A checker for a site of `pages`.
    init(pages: [SiteBuilder.RenderedPage]) {
        for page in pages { add(page) }
    }

    mutating func add(_ page: SiteBuilder.RenderedPage) {
        ids[page.output] = Set(Self.values(of: "id", in: page.html))
    }

    func check(_ pages: [SiteBuilder.RenderedPage]) throws(RunbookError) {
        for page in pages { try check(page) }
    }

    func check(_ page: SiteBuilder.RenderedPage) throws(RunbookError) {
        for target in Self.values(of: "href", in: page.html) {
            guard Self.isInternal(target) else { continue }
            let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            let file = parts[0].isEmpty ? page.output : Self.resolve(String(parts[0]), from: page.output)
            let fragment = parts.count > 1 ? String(parts[1]) : nil
            guard let targetIDs = ids[file] else {
                throw error(page, target, "the site has no page \(file)")
            }
            if let fragment, !targetIDs.contains(fragment) {
                throw error(page, target, "\(file) has no element with id ‘\(fragment)’")
            }
        }
    }

    /// A relative link's path from the output folder: `../index.html` from `tenants/x.html` is `index.html`.
    private static func resolve(_ target: String, from page: String) -> String {
        var parts = page.split(separator: "/").dropLast().map(String.init)
        for part in target.split(separator: "/") {
            switch part {
            case "..": if !parts.isEmpty { parts.removeLast() }
            case ".": break
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }

    /// The values of every ` name="…"` attribute, found by scanning bytes: pages are rendered
    /// by runbook, so attributes are double-quoted and their values hold no quote.
    static func values(of attribute: String, in html: String) -> [String] {
        let pattern = Array(" \(attribute)=\"".utf8)
        var values: [String] = []
        var html = html
        html.withUTF8 { bytes in
            var index = 0
            while let found = bytes.firstOffset(of: pattern, from: index) {
                let start = found + pattern.count
                let close = bytes[start...].firstIndex(of: UInt8(ascii: "\"")) ?? bytes.count
                values.append(String(decoding: bytes[start..<close], as: UTF8.self))
                index = close
            }
        }
        return values
    }

    /// A link with no scheme and no host: `page.html`, `page.html#part` or `#part`.
    private static func isInternal(_ target: String) -> Bool {
        !target.hasPrefix("//") && !hasScheme(target)
    }

    /// Whether the text starts with a URL scheme and its colon (RFC 3986, 3.1). Not a regex
    /// literal: Swift parses one anew on every call, which cost a site most of its build time.
    private static func hasScheme(_ target: String) -> Bool {
        let isLetter = { (byte: UInt8) in (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        var bytes = target.utf8.makeIterator()
        guard let first = bytes.next(), isLetter(first) else { return false }
        while let byte = bytes.next() {
            if byte == UInt8(ascii: ":") { return true }
            guard
                isLetter(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: "-")
            else { return false }
        }
        return false
    }

    /// The error, pointing at the link in the page's Markdown when it is written there.
    private func error(_ page: SiteBuilder.RenderedPage, _ target: String, _ reason: String) -> RunbookError {
        let message = "the link to ‘\(target)’ is broken: \(reason). Point it at an existing page or heading."
        guard
            let range = page.markdown.range(of: "(\(target))").map({ page.markdown.index(after: $0.lowerBound)..<$0.upperBound })
                ?? page.markdown.range(of: target)
        else {
            return RunbookError(.brokenLink, "\(page.source.path): \(message)")
        }
        let before = page.markdown[..<range.lowerBound]
        let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        let column =
            before.distance(
                from: before.lastIndex(of: "\n").map(before.index(after:)) ?? before.startIndex,
                to: before.endIndex) + 1
        return RunbookError(.brokenLink, message, at: .init(path: page.source.path, line: line, column: column))
    }
}
