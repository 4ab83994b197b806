import Foundation

/// What every fuzz target asserts beyond "no crash": a broken promise stops the fuzzer with the
/// input that broke it, exactly as a crash would.
public enum Oracle {
    /// Stops the run when `condition` is false.
    public static func require(
        _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        if !condition() { fatalError(message(), file: file, line: line) }
    }

    /// Whether text is safe to print on a terminal: no control character but a line break, and no
    /// bidirectional override that could make it read differently from what it is.
    public static func isTerminalSafe(_ text: String) -> Bool {
        !text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x0A: false
            case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
            default: false
            }
        }
    }
}
