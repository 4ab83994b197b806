import Testing

@testable import RunbookKit

@Suite("Byte search")
struct ByteSearchTests {
    @Test(
        "finds the first occurrence at or after a start, or none",
        arguments: [
            ("{{> partials/values}}", "{{>", 0, 0),
            ("text {{> a}} {{> b}}", "{{>", 1, 5),
            ("text {{> a}} {{> b}}", "{{>", 6, 13),
            ("a id=\"x\" id=\"y\"", " id=\"", 0, 1),
            ("ends with }}", "}}", 0, 10),
            ("}}}", "}}", 1, 1),
            ("aab", "ab", 0, 1),
            ("no tag here }", "}}", 0, nil),
            ("{{", "{{>", 0, nil),
            ("", "}}", 0, nil),
            ("abc", "c", 3, nil),
        ] as [(String, String, Int, Int?)])
    func firstOffset(text: String, pattern: String, start: Int, expected: Int?) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBufferPointer { $0.firstOffset(of: Array(pattern.utf8), from: start) } == expected)
    }
}
