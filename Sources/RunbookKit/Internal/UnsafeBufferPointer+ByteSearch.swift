import Foundation

extension UnsafeBufferPointer<UInt8> {
    /// Where `pattern` first occurs at or after `start`. Templates and every rendered page are
    /// scanned this way, so it jumps with `memchr` from one occurrence of the pattern's last byte
    /// to the next: link checking was an eighth of a site build with a byte-by-byte loop.
    func firstOffset(of pattern: [UInt8], from start: Int) -> Int? {
        guard let base = baseAddress, let last = pattern.last else { return start <= count ? start : nil }
        var end = start + pattern.count - 1
        while end < count, let found = memchr(base + end, Int32(last), count - end) {
            end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            let offset = end + 1 - pattern.count
            if memcmp(base + offset, pattern, pattern.count) == 0 { return offset }
            end += 1
        }
        return nil
    }
}
