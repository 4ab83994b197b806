import Foundation

/// What the terminal on standard output can do.
enum Terminal {
    /// Colour only on a terminal, never with `NO_COLOR` set or `TERM=dumb` (no-color.org).
    static var supportsColor: Bool {
        let environment = ProcessInfo.processInfo.environment
        return isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    /// Writes to standard error. A closed pipe (`runbook … 2>&1 | head`) is not worth dying
    /// over, so a failed write is dropped rather than trapping as `FileHandle.write(_:)` does.
    static func writeError(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }

    /// The text with every control character but a tab or a line break, and every bidirectional
    /// override, written as `\u{…}`: a diagnostic shows what a file name or a customer's value
    /// holds, never what it would do to the terminal.
    static func inert(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A:
                result.append(scalar)
            case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }
}
