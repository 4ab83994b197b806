import Foundation

/// The hosts `no_proxy` exempts from the proxy, matched by curl's rules (`lib/noproxy.c`), so
/// `runbook verify` and the runbook's curl line go the same way from the same shell:
///
/// - `*` alone exempts every host; inside a list it is no pattern.
/// - Entries are separated by commas, with blanks around them ignored.
/// - A name matches itself and the names under it (`example.com` matches `www.example.com`, not
///   `notexample.com`), ignoring case and a leading or trailing dot.
/// - An address matches itself, or a CIDR block (`10.0.0.0/8`); IPv6 without brackets.
/// - A port is no part of a pattern: `example.com:443` matches nothing. Nor is `localhost` or a
///   loopback address exempt unless listed.
struct NoProxyList: Sendable {
    private let patterns: [Substring]
    private let exemptsEverything: Bool

    init(_ value: String) {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        exemptsEverything = trimmed == "*"
        patterns = trimmed.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" })
    }

    /// Whether a connection to `host` goes around the proxy.
    func exempts(_ host: String) -> Bool {
        if exemptsEverything { return true }
        let host = Self.trimmingDots(host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]")))
        guard !host.isEmpty else { return false }
        let hostAddress = IPAddress(host)
        return patterns.contains { raw in
            let pattern = Self.trimmingDots(raw.lowercased())
            guard !pattern.isEmpty else { return false }
            if let hostAddress {
                if let slash = pattern.firstIndex(of: "/"), let block = IPAddress(String(pattern[..<slash])),
                    let bits = Int(pattern[pattern.index(after: slash)...])
                {
                    return hostAddress.isIn(block, prefixLength: bits)
                }
                return IPAddress(pattern) == hostAddress
            }
            return host == pattern || host.hasSuffix("." + pattern)
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
