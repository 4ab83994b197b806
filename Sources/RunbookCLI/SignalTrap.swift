import Dispatch
import Foundation

/// Catches SIGINT and SIGTERM for the length of a rehearsal, so that a stopped run still removes
/// its test user: the first signal runs `handler` (which cancels the work) and is remembered;
/// later ones are ignored while the removal finishes, which `--timeout` bounds.
final class SignalTrap: @unchecked Sendable {
    private static let signals: [(number: Int32, name: String)] = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")]

    private let lock = NSLock()
    private var caughtSignal: (number: Int32, name: String)?
    private var sources: [any DispatchSourceSignal] = []

    /// Starts catching; `handler` runs once, on the first signal.
    init(_ handler: @escaping @Sendable () -> Void) {
        for signal in Self.signals {
            Foundation.signal(signal.number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal.number, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self,
                    self.lock.withLock({ () -> Bool in
                        guard self.caughtSignal == nil else { return false }
                        self.caughtSignal = signal
                        return true
                    })
                else { return }
                handler()
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The name of the signal caught, such as `SIGINT`, if one was.
    var caught: String? { lock.withLock { caughtSignal?.name } }

    /// The shell's exit status for the signal caught: 128 plus its number (130 for SIGINT).
    var exitStatus: Int32? { lock.withLock { caughtSignal.map { 128 + $0.number } } }
}
