import Foundation

extension SCIMResponse {
    /// Whether the body is an HTML page, by its content type or its first character.
    var looksLikeHTML: Bool {
        if header("Content-Type")?.lowercased().contains("text/html") == true { return true }
        return body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "<")
    }
}
