/// Reads a fuzzer's bytes as a few values: a selector byte, then fields split on NUL.
public struct FuzzInput {
    /// The bytes as given.
    public let bytes: [UInt8]

    /// Wraps libFuzzer's buffer.
    public init(_ start: UnsafeRawPointer, _ count: Int) {
        bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    }

    /// The first byte, to choose a mode; 0 when there is none.
    public var selector: UInt8 { bytes.first ?? 0 }

    /// Everything after the selector byte.
    public var rest: ArraySlice<UInt8> { bytes.dropFirst() }

    /// The bytes after the selector, as text; invalid UTF-8 becomes U+FFFD, as a pasted value would.
    public var text: String { String(decoding: rest, as: UTF8.self) }

    /// The bytes after the selector split on NUL into at most `count` fields, missing ones empty.
    public func fields(_ count: Int) -> [ArraySlice<UInt8>] {
        var fields = rest.split(separator: 0, maxSplits: count - 1, omittingEmptySubsequences: false)
        while fields.count < count { fields.append([]) }
        return fields
    }
}
