import Foundation

/// Running worker processes: jobs go out round the least busy worker, outcomes come back in
/// whatever order they finish. A worker that dies fails the jobs it held instead of hanging.
final class WorkerPool: @unchecked Sendable {
    private struct Worker {
        let process: Process
        let input: FileHandle
        var outstanding: Set<Int> = []
    }

    private let lock = NSLock()
    private let arrived = DispatchSemaphore(value: 0)
    private var workers: [Worker] = []
    private var outcomes: [BatchWorkers.Outcome] = []

    /// How many jobs are out and not yet answered.
    var inFlight: Int { lock.withLock { workers.reduce(0) { $0 + $1.outstanding.count } } }

    init(_ configuration: BatchWorkers) throws(RunbookError) {
        // A worker that dies closes its pipe; writing to it must fail, not kill this process.
        signal(SIGPIPE, SIG_IGN)
        for index in 0..<configuration.count {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: configuration.command[0])
            process.arguments = Array(configuration.command.dropFirst())
            process.environment = configuration.environment
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.standardError
            do {
                try process.run()
            } catch {
                throw RunbookError(
                    .cannotWrite,
                    "cannot start a worker process (\(configuration.command[0])): "
                        + "\(error.localizedDescription). Run with --jobs 1.")
            }
            workers.append(Worker(process: process, input: input.fileHandleForWriting))
            let reader = output.fileHandleForReading
            Thread.detachNewThread { [self] in read(reader, worker: index) }
        }
    }

    /// Sends a job to the worker with the fewest outstanding jobs.
    func submit(_ job: BatchWorkers.Job) {
        let line = JSONLines.line(for: job)
        let chosen: Int? = lock.withLock {
            guard
                let index = workers.indices.filter({ workers[$0].process.isRunning })
                    .min(by: { workers[$0].outstanding.count < workers[$1].outstanding.count })
            else { return nil }
            workers[index].outstanding.insert(job.row)
            return index
        }
        if let chosen, (try? workers[chosen].input.write(contentsOf: line)) != nil { return }
        // The job did not reach a worker: fail it here, unless the worker's reader already did.
        let unanswered = lock.withLock { chosen.map { workers[$0].outstanding.remove(job.row) != nil } ?? true }
        if unanswered {
            deliver([
                BatchWorkers.Outcome(
                    row: job.row, error: RunbookError.Code.cannotWrite.rawValue,
                    message: "no worker process is left to render this row. Run again with --jobs 1.")
            ])
        }
    }

    /// Waits for the next outcome.
    func next() -> BatchWorkers.Outcome {
        arrived.wait()
        return lock.withLock { outcomes.removeFirst() }
    }

    /// Closes the workers' input, so they finish, and waits for them.
    func finish() {
        lock.withLock { workers.forEach { try? $0.input.close() } }
        workers.forEach { $0.process.waitUntilExit() }
    }

    private func read(_ handle: FileHandle, worker: Int) {
        var reader = JSONLines.Reader<BatchWorkers.Outcome>()
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            let batch = reader.messages(in: chunk)
            lock.withLock { batch.forEach { workers[worker].outstanding.remove($0.row) } }
            deliver(batch)
        }
        // The worker's output ended: whatever it still held will never be answered.
        let orphans: [Int] = lock.withLock {
            defer { workers[worker].outstanding.removeAll() }
            return workers[worker].outstanding.sorted()
        }
        deliver(
            orphans.map {
                BatchWorkers.Outcome(
                    row: $0, error: RunbookError.Code.cannotWrite.rawValue,
                    message: "the worker process rendering this row ended unexpectedly. Run the batch again.")
            })
    }

    private func deliver(_ batch: [BatchWorkers.Outcome]) {
        guard !batch.isEmpty else { return }
        lock.withLock { outcomes += batch }
        batch.forEach { _ in arrived.signal() }
    }
}
