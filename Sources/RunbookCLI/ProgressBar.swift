import Foundation

/// A one-line progress bar on standard error: count, rate and time left, redrawn at most ten
/// times a second. Only on a terminal; messages printed through it go above the bar.
final class ProgressBar {
    private let total: Int
    private let start = ContinuousClock.now
    private var lastDraw: ContinuousClock.Instant?
    private var done = 0

    init(total: Int) {
        self.total = total
    }

    /// Whether standard error is a terminal that can draw a bar.
    static var isAvailable: Bool {
        isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    func advance() {
        done += 1
        let now = ContinuousClock.now
        if done == total || lastDraw.map({ now - $0 > .milliseconds(100) }) ?? true {
            lastDraw = now
            draw()
        }
    }

    /// Prints a line above the bar.
    func print(_ line: String) {
        finish()
        Diagnostics.printError(line)
        draw()
    }

    func finish() {
        Terminal.writeError("\r\u{1B}[K")
    }

    private func draw() {
        let width = 28
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        let filled = Int(fraction * Double(width))
        let elapsed = (ContinuousClock.now - start).seconds
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Int((Double(total - done) / rate).rounded(.up)) : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line =
            "\r\u{1B}[K\(bar) \(done)/\(total)  \(String(format: "%.0f", rate)) rows/s  \(left / 60):\(String(format: "%02d", left % 60)) left"
        Terminal.writeError(line)
    }
}

extension Duration {
    fileprivate var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
