import ArgumentParser
import Foundation
import RunbookKit

extension ExitCode {
    /// The input was wrong: a bad URL, file, template or option (2).
    static let inputError = ExitCode(2)
}

/// Writes to standard error and turns ``RunbookError`` into the documented exit status.
enum Diagnostics {
    /// Prints a line on standard error, with any control character in it made visible.
    static func printError(_ text: String) {
        Terminal.writeError(Terminal.inert(text) + "\n")
    }

    /// A line that is not an error but must not pass silently, such as an added region.
    static func printNote(_ text: String) {
        printError("note: \(text)")
    }

    /// Runs `body`; a ``RunbookError`` is printed as `error[code]: …` and exits with status 2.
    static func reporting<T>(_ body: () throws(RunbookError) -> T) throws(ExitCode) -> T {
        do {
            return try body()
        } catch {
            printError(error.description)
            throw .inputError
        }
    }
}
