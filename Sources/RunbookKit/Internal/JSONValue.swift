import Foundation

/// A parsed JSON document that keeps what SCIM checks need to tell apart: `null` from an
/// absent key, `true` from `1`. Foundation's decoder limits nesting to 512 levels, so a deeply
/// nested answer is an error, not a crash.
package enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// The deepest nesting Foundation's decoder reads.
    package static let maximumDepth = 512

    /// Whether the bytes nest arrays and objects deeper than ``maximumDepth``, which is why
    /// ``parse(_:)`` returns `nil` for JSON that is otherwise well formed.
    package static func isTooDeep(_ bytes: [UInt8]) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                // Brackets inside a string do not nest; a backslash escapes the next byte.
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maximumDepth { return true }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return false
    }

    /// Parses bytes, or returns `nil` when they are not JSON.
    package static func parse(_ bytes: [UInt8]) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    package subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    package var array: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    package var string: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    /// A whole number, and only from a JSON number.
    package var integer: Int? {
        if case .number(let number) = self, number.rounded() == number, abs(number) < 1e15 { return Int(number) }
        return nil
    }

    package var bool: Bool? {
        if case .bool(let bool) = self { return bool }
        return nil
    }

    /// The strings of a `schemas` array.
    package var schemas: [String] { self["schemas"]?.array?.compactMap(\.string) ?? [] }
}
