import Foundation

/// The hosts `no_proxy` exempts from the proxy, matched by curl's rules (`lib/noproxy.c`), so
/// `runbook verify` and the runbook's curl line go the same way from the same shell:
///
/// - `*`, exactly, exempts every host; inside a list, or with blanks around it, it is no pattern.
/// - Entries are separated by commas or blanks (Debian 12's curl 7.88.1 still takes blanks alone;
///   later versions stop at the first entry without a comma).
/// - A name matches itself and the names under it (`example.com` matches `www.example.com`, not
///   `notexample.com`), ignoring case and a leading or trailing dot.
/// - An address matches itself, or a CIDR block (`10.0.0.0/8`; the bits read as `atoi` reads
///   them, and 0 bits compare the address whole); IPv6 without brackets. Dots around an address
///   are no part of it.
/// - A port is no part of a pattern: `example.com:443` matches nothing. Nor is `localhost` or a
///   loopback address exempt unless listed.
struct NoProxyList: Sendable {
    private let patterns: [Substring]
    private let exemptsEverything: Bool

    init(_ value: String) {
        exemptsEverything = value == "*"
        patterns = value.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" })
    }

    /// Whether a connection to `host` goes around the proxy.
    func exempts(_ host: String) -> Bool {
        if exemptsEverything { return true }
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        // An address is compared with addresses only, dots and all; a name with names.
        if let address = IPAddress(host) {
            return patterns.contains { pattern in
                let pattern = pattern.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                guard let slash = pattern.firstIndex(of: "/") else { return IPAddress(pattern) == address }
                guard let block = IPAddress(String(pattern[..<slash])) else { return false }
                // curl reads the bits with atoi: leading digits, else 0; 0 bits compare the address whole.
                let bits = Int(pattern[pattern.index(after: slash)...].prefix(while: \.isNumber)) ?? 0
                return bits == 0 ? block == address : address.isIn(block, prefixLength: bits)
            }
        }
        let name = Self.trimmingDots(host)
        guard !name.isEmpty else { return false }
        return patterns.contains { raw in
            let pattern = Self.trimmingDots(raw.lowercased())
            return !pattern.isEmpty && (name == pattern || name.hasSuffix("." + pattern))
        }
    }

    private static func trimmingDots(_ text: String) -> String {
        var text = Substring(text)
        if text.hasPrefix(".") { text = text.dropFirst() }
        if text.hasSuffix(".") { text = text.dropLast() }
        return String(text)
    }

    /// An IPv4 or IPv6 address as its bytes.
    private struct IPAddress: Equatable {
        let bytes: [UInt8]

        init?(_ text: String) {
            if var v4 = in_addr() as in_addr?, inet_pton(AF_INET, text, &v4) == 1 {
                bytes = withUnsafeBytes(of: &v4) { Array($0) }
            } else if var v6 = in6_addr() as in6_addr?, inet_pton(AF_INET6, text, &v6) == 1 {
                bytes = withUnsafeBytes(of: &v6) { Array($0) }
            } else {
                return nil
            }
        }

        func isIn(_ block: IPAddress, prefixLength: Int) -> Bool {
            guard bytes.count == block.bytes.count, (0...bytes.count * 8).contains(prefixLength) else { return false }
            for bit in 0..<prefixLength {
                let mask = UInt8(0x80) >> UInt8(bit % 8)
                if bytes[bit / 8] & mask != block.bytes[bit / 8] & mask { return false }
            }
            return true
        }
    }
}
