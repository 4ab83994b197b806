import Foundation

/// Work that another thread, such as a signal handler, may cancel, even before it starts.
final class CancellationHandle<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<Value, Never>?
    private var isCancelled = false

    /// Runs `work` in a task of its own and waits for its value.
    func run(_ work: @escaping @Sendable () async -> Value) async -> Value {
        let task = Task { await work() }
        if lock.withLock({
            self.task = task
            return isCancelled
        }) {
            task.cancel()
        }
        return await task.value
    }

    /// Cancels the work, now or as soon as it starts.
    func cancel() {
        lock.withLock { () -> Task<Value, Never>? in
            isCancelled = true
            return task
        }?.cancel()
    }
}
