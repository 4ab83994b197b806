import Foundation

/// What the terminal on standard output can do.
enum Terminal {
    /// Colour only on a terminal, never with `NO_COLOR` set or `TERM=dumb` (no-color.org).
    static var supportsColor: Bool {
        let environment = ProcessInfo.processInfo.environment
        return isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }
}
