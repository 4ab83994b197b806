/// A mailbox for a `From` or `To` header: an address, optionally with a display name,
/// checked before it can reach a header.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address, `local@domain`.
    public let address: String
    /// The display name, if any.
    public let name: String?

    /// Parses `it@contoso.example` or `IT Desk <it@contoso.example>`.
    ///
    /// - Throws: `.invalidEmailAddress` for anything else, including any control character, so
    ///   no value can add a header line.
    public init(_ text: String) throws(RunbookError) {
        try EmailAddress.checkHeaderValue(text, field: "the e-mail address")
        let trimmed = String(text.trimmingPasteWhitespace())
        var address = trimmed
        var name: String?
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let display = String(trimmed[..<open].trimmingPasteWhitespace())
            name =
                display.count >= 2 && display.hasPrefix("\"") && display.hasSuffix("\"")
                ? String(display.dropFirst().dropLast()) : display
            if name?.isEmpty == true { name = nil }
        }
        guard Self.isAddress(address) else {
            throw RunbookError(
                .invalidEmailAddress,
                "\(trimmed.quotedForMessage()) is not an e-mail address. Write it as "
                    + "it@contoso.example or ‘IT Desk <it@contoso.example>’; an international domain goes in its xn-- form.")
        }
        self.address = address
        self.name = name
    }

    /// The mailbox as a header writes it: the name quoted or encoded as RFC 5322 and 2047 ask.
    public var description: String {
        guard let name else { return address }
        return "\(MIMEEncoding.phrase(name)) <\(address)>"
    }

    /// The domain, lower-case.
    public var domain: String { String(address[address.index(after: address.lastIndex(of: "@")!)...]).asciiLowercased() }

    /// A dot-atom local part (RFC 5322 §3.2.3) and a DNS domain of two labels or more.
    private static func isAddress(_ address: String) -> Bool {
        guard let at = address.lastIndex(of: "@") else { return false }
        let local = address[..<at]
        let domain = address[address.index(after: at)...]
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-".utf8)
        let localOK =
            (1...64).contains(local.utf8.count)
            && local.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
                !$0.isEmpty && $0.utf8.allSatisfy(atext.contains)
            }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let domainOK =
            domain.utf8.count <= 253 && labels.count >= 2
            && labels.allSatisfy { label in
                (1...63).contains(label.utf8.count) && label.first != "-" && label.last != "-"
                    && label.utf8.allSatisfy {
                        $0.isASCIILowercaseLetterOrDigit || (65...90).contains($0) || $0 == UInt8(ascii: "-")
                    }
            }
        return localOK && domainOK
    }

    /// Refuses a value bound for a mail header that holds a line break or any other control
    /// character, or a bidirectional override: never passed through, never silently cleaned.
    public static func checkHeaderValue(_ value: String, field: String) throws(RunbookError) {
        if let bad = value.unicodeScalars.first(where: { scalar in
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
            default: false
            }
        }) {
            let code = "U+\(String(bad.value, radix: 16, uppercase: true))"
            let problem =
                switch bad.value {
                case 0x0A, 0x0D, 0x2028, 0x2029: "a line break, which could add lines to the e-mail's headers"
                case 0x202A...0x202E, 0x2066...0x2069:
                    "the bidirectional control \(code), which makes the text read differently from what it is"
                default: "the control character \(code), which a mail header cannot carry"
                }
            throw RunbookError(
                .invalidHeaderValue,
                "\(field) \(value.quotedForMessage()) holds \(problem). Remove it "
                    + "and give the value on one line.")
        }
    }
}
