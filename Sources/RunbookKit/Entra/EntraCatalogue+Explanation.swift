extension EntraCatalogue {
    /// Finds the catalogue's messages in text pasted from Entra, with whatever white space,
    /// quotes and surrounding page text came with it.
    ///
    /// The text and each message are compared in a normal form: lower case, typographic quotes
    /// made straight, every run of white space one space. A message is found when one of its
    /// forms occurs in the text: its whole text; the first sentence of a long one; for a Details
    /// line, `Response Status Code: <name>` for each of its statuses; each of its codes; an error
    /// code without its `SystemForCrossDomainIdentityManagement` prefix, and an error code
    /// written across a line break. Where two forms overlap, the longer wins, so the
    /// `Unauthorized` inside `Response Status Code: Unauthorized` is the Details line, not the
    /// provisioning-log code.
    public func explain(_ pasted: String) -> EntraExplanation {
        // Bytes, not Characters: every form is ASCII, and a pasted page can be a megabyte.
        let text = Array(Self.normalized(pasted).utf8)
        // The text without its spaces, for codes a page may have broken across lines, and where
        // each byte of the text falls in it, so that every match is a range of one string.
        var squeezed: [UInt8] = []
        var position: [Int] = []
        var origin: [Int] = []
        squeezed.reserveCapacity(text.count)
        position.reserveCapacity(text.count + 1)
        for (index, byte) in text.enumerated() {
            position.append(squeezed.count)
            if byte != UInt8(ascii: " ") {
                squeezed.append(byte)
                origin.append(index)
            }
        }
        position.append(squeezed.count)
        // A code stands alone in the text: `Conflict` is a code, the `conflict` of `conflicting`
        // or `a conflict arose` is a word.
        let isLetter = { (index: Int) in
            text.indices.contains(index) && (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(text[index])
        }
        let standsAlone = { (range: Range<Int>) in
            !isLetter(origin[range.lowerBound] - 1) && !isLetter(origin[range.upperBound - 1] + 1)
        }

        var found: [(range: Range<Int>, message: EntraMessage)] = []
        for message in messages {
            for form in Self.forms(of: message) {
                let needle = Array(form.text.utf8)
                if form.isCode {
                    found += Self.offsets(of: needle, in: squeezed).map { $0..<($0 + needle.count) }.filter(standsAlone)
                        .map { ($0, message) }
                } else {
                    found += Self.offsets(of: needle, in: text).map { (position[$0]..<position[$0 + needle.count], message) }
                }
            }
        }
        // Longest first; a form that overlaps a longer one already found does not count. The bytes
        // already claimed are marked, so a megabyte of one repeated code stays linear.
        var claimed = [Bool](repeating: false, count: squeezed.count)
        var matchedIDs: Set<String> = []
        for candidate in found.sorted(by: { $0.range.count > $1.range.count }) where !claimed[candidate.range].contains(true) {
            claimed.replaceSubrange(candidate.range, with: repeatElement(true, count: candidate.range.count))
            matchedIDs.insert(candidate.message.id)
        }
        let matches = messages.filter { matchedIDs.contains($0.id) }.sorted { order($0) < order($1) }
        return EntraExplanation(
            matches: matches,
            closest: matches.isEmpty ? closest(to: String(decoding: text, as: UTF8.self)) : [])
    }

    /// Where `needle` starts in `haystack`, each time, without overlaps.
    private static func offsets(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard !needle.isEmpty, needle.count <= haystack.count else { return [] }
        return haystack.withUnsafeBufferPointer { buffer in
            var offsets: [Int] = []
            var start = 0
            while let found = buffer.firstOffset(of: needle, from: start) {
                offsets.append(found)
                start = found + needle.count
            }
            return offsets
        }
    }

    /// A message's rank in the order Entra shows things: by place, then as the catalogue lists it.
    private func order(_ message: EntraMessage) -> (Int, Int) {
        (places.firstIndex { $0.key == message.place } ?? places.count, messages.firstIndex(of: message) ?? messages.count)
    }

    /// Up to three messages that share at least half their words with the text, typing slips
    /// allowed, closest first.
    private func closest(to text: String) -> [EntraMessage] {
        // Suggestions for a long paste come from its start: a message is a few hundred characters.
        let words = Set(Self.words(of: String(text.prefix(65_536))))
        guard !words.isEmpty else { return [] }
        let scored: [(message: EntraMessage, score: Double)] = messages.compactMap { message in
            let best =
                Self.forms(of: message).map { form -> Double in
                    let formWords = Self.words(of: form.text)
                    guard !formWords.isEmpty else { return 0 }
                    let shared = formWords.filter { word in words.contains(word) || words.contains { Self.isNear($0, word) } }
                        .count
                    return Double(shared) / Double(formWords.count)
                }.max() ?? 0
            return best >= 0.5 ? (message, best) : nil
        }
        return scored.sorted { $0.score > $1.score }.prefix(3).map(\.message)
    }

    // MARK: Forms

    private struct Form {
        var text: String
        /// An identifier compared with the text's white space removed.
        var isCode: Bool
    }

    private static let codePrefix = "systemforcrossdomainidentitymanagement"

    private static func forms(of message: EntraMessage) -> [Form] {
        var forms: [Form] = []
        if !message.statuses.isEmpty {
            forms += message.statuses.map { Form(text: "response status code: " + normalized($0.name), isCode: false) }
        } else if !message.codes.isEmpty {
            forms += message.codes.map { Form(text: normalized($0), isCode: true) }
        } else {
            let shows = normalized(message.shows)
            if !shows.contains(" ") {
                forms.append(Form(text: shows, isCode: true))
                if shows.hasPrefix(codePrefix), shows.count > codePrefix.count {
                    forms.append(Form(text: String(shows.dropFirst(codePrefix.count)), isCode: true))
                }
            } else {
                let whole = shows.hasSuffix(".") ? String(shows.dropLast()) : shows
                forms.append(Form(text: whole, isCode: false))
                if let end = whole.range(of: ". "), whole[..<end.lowerBound].count >= 20 {
                    forms.append(Form(text: String(whole[..<end.lowerBound]), isCode: false))
                }
            }
        }
        return forms
    }

    // MARK: Normal form

    /// Lower case, straight quotes, no zero-width characters, one space for any run of white space.
    static func normalized(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var space = false
        for scalar in text.lowercased().unicodeScalars {
            let mapped: Unicode.Scalar
            switch scalar {
            case "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}":
                continue
            case "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{2033}":
                mapped = "\""
            case "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}", "\u{2032}":
                mapped = "'"
            case _ where scalar.properties.isWhitespace:
                space = !result.isEmpty
                continue
            default:
                mapped = scalar
            }
            if space { result.append(" ") }
            space = false
            result.append(mapped)
        }
        return String(result)
    }

    /// The words that tell messages apart: not the short ones, nor the commonest.
    private static func words(of text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber) }.map(String.init).filter { $0.count > 2 && !commonWords.contains($0) }
    }

    private static let commonWords: Set<String> = [
        "the", "and", "are", "for", "you", "your", "has", "have", "been", "with", "this", "that", "not", "was", "from",
        "see", "more", "please",
    ]

    /// Whether two words are the same but for a typing slip: at most one edit per five letters.
    private static func isNear(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let limit = max(a.count, b.count) / 5
        guard limit > 0, abs(a.count - b.count) <= limit else { return false }
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count] <= limit
    }
}
