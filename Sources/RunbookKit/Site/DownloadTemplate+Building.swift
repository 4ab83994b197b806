import Foundation

extension DownloadTemplate {
    /// Values no runbook holds, rendered in place of the real ones so that every place a value
    /// lands can be found, and found for what it is: each way the customer's name is written
    /// turns `'&` into something else.
    enum StandIn {
        static let tenant = TenantURL(
            region: Region(key: "standinkey", host: "standinhost.invalid", name: "Standinname"),
            tenantID: TenantID("7f3a7f3a-0000-4000-8000-7f3a7f3a7f3a")!)
        static let customer = "Standin'&customer"
        /// Each hole's stand-in, as the hole writes it.
        static let values = DownloadTemplate.values(for: Runbook(tenant: tenant, customer: customer))
    }

    /// The files the renderer writes in Markdown and in HTML, each cut into a template, and the
    /// keys of the regions of `regions` whose runbooks both templates reproduce byte for byte, in
    /// the table's order.
    ///
    /// A region is left out when a value of it lands where filling in would not give the
    /// renderer's bytes: an on-premises region's runbook has a section of its own, and a
    /// template folder may write a value in a way the cut does not know.
    static func make(
        renderer: RunbookRenderer, regions: RegionTable
    ) throws(RunbookError) -> (markdown: DownloadTemplate, html: DownloadTemplate, regions: [String]) {
        let withCustomer = try renderer.texts(of: Runbook(tenant: StandIn.tenant, customer: StandIn.customer))
        let withoutCustomer = try renderer.texts(of: Runbook(tenant: StandIn.tenant))
        let templates = zip(withCustomer, withoutCustomer).map { DownloadTemplate(parts: parts(merging: $0, $1)) }
        var reproduced: [String] = []
        for region in regions.regions where !region.isOnPremises {
            if try reproduces(region: region, with: templates, renderer: renderer) { reproduced.append(region.key) }
        }
        return (templates[0], templates[1], reproduced)
    }

    /// Whether filling in gives the renderer's bytes for a region, with no customer and with a
    /// name that needs every kind of escaping.
    private static func reproduces(
        region: Region, with templates: [DownloadTemplate], renderer: RunbookRenderer
    ) throws(RunbookError) -> Bool {
        let tenant = TenantURL(region: region, tenantID: TenantID("0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11")!)
        let name =
            #" O'Brien & <Sons> "x" *y* [z](w) | \ www.a.b http://c d@e.f support-mailto:g@h.i &amp; "#
            + "'\u{301} &#39;\u{301} \u{202E}"
        for customer in [nil, name] {
            let runbook = Runbook(tenant: tenant, customer: customer)
            // Bytes: String's == holds composed and decomposed accents equal.
            let filled = templates.map { Array($0.filled(for: runbook).utf8) }
            guard try filled == renderer.texts(of: runbook).map({ Array($0.utf8) }) else { return false }
        }
        return true
    }

    /// The two renderings as one list of parts: the lines they share once, the lines only one
    /// has in a section for it; then the stand-in values cut out of every piece of text.
    private static func parts(merging withCustomer: String, _ withoutCustomer: String) -> [Part] {
        let with = lines(of: withCustomer)
        let without = lines(of: withoutCustomer)
        var added = Set<Int>()
        var removed = Set<Int>()
        // Compared as bytes: lines that differ only in how an accent is composed are not shared.
        for change in with.map({ Array($0.utf8) }).difference(from: without.map { Array($0.utf8) }) {
            switch change {
            case .insert(let offset, _, _): added.insert(offset)
            case .remove(let offset, _, _): removed.insert(offset)
            }
        }
        enum Run { case shared, with, without }
        var parts: [Part] = []
        var run = Run.shared
        var text = ""
        func close() {
            guard !text.isEmpty else { return }
            let pieces = cut(text)
            switch run {
            case .shared: parts += pieces
            case .with: parts.append(.withCustomer(pieces))
            case .without: parts.append(.withoutCustomer(pieces))
            }
            text = ""
        }
        func append(_ line: Substring, to next: Run) {
            if next != run {
                close()
                run = next
            }
            text += line
        }
        var (i, j) = (0, 0)
        while i < with.count || j < without.count {
            if j < without.count, removed.contains(j) {
                append(without[j], to: .without)
                j += 1
            } else if i < with.count, added.contains(i) {
                append(with[i], to: .with)
                i += 1
            } else {
                append(with[i], to: .shared)
                i += 1
                j += 1
            }
        }
        close()
        return parts
    }

    /// Each line with its line break.
    private static func lines(of text: String) -> [Substring] {
        var lines: [Substring] = []
        var start = text.startIndex
        while let end = text.utf8[start...].firstIndex(of: UInt8(ascii: "\n")) {
            let next = text.utf8.index(after: end)
            lines.append(text[start..<next])
            start = next
        }
        if start < text.endIndex { lines.append(text[start...]) }
        return lines
    }

    /// Text with the stand-ins cut out, each as the hole for the way it is written there.
    private static func cut(_ text: String) -> [Part] {
        var parts: [Part] = [.text(text)]
        for hole in Hole.allCases {
            let standIn = StandIn.values[hole]!
            parts = parts.flatMap { part -> [Part] in
                guard case .text(let text) = part else { return [part] }
                let pieces = split(text, at: standIn)
                return pieces.enumerated().flatMap { index, piece -> [Part] in
                    (index == 0 ? [] : [.value(hole)]) + (piece.isEmpty ? [] : [.text(piece)])
                }
            }
        }
        return parts
    }

    /// The text between the occurrences of `separator`.
    private static func split(_ text: String, at separator: String) -> [String] {
        var text = text
        let pattern = Array(separator.utf8)
        return text.withUTF8 { bytes in
            var pieces: [String] = []
            var start = 0
            while let found = bytes.firstOffset(of: pattern, from: start) {
                pieces.append(String(decoding: bytes[start..<found], as: UTF8.self))
                start = found + pattern.count
            }
            pieces.append(String(decoding: bytes[start...], as: UTF8.self))
            return pieces
        }
    }
}

extension RunbookRenderer {
    /// The Markdown and the HTML `runbook render` writes for a runbook, in that order.
    fileprivate func texts(of runbook: Runbook) throws(RunbookError) -> [String] {
        try documents(for: runbook, formats: [.markdown, .html]).map(\.text)
    }
}
