import Foundation

/// Runs async work from the synchronous command line, blocking the calling thread until it is
/// done. The work runs on Swift's global executor, never on the blocked thread.
enum Blocking {
    static func run<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.value = await work()
            done.signal()
        }
        done.wait()
        return box.value!
    }

    private final class Box<T>: @unchecked Sendable {
        // Written once by the task before the semaphore is signalled, read after the wait.
        var value: T?
    }
}
