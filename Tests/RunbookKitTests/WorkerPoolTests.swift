import Foundation
import Testing

@testable import RunbookKit

/// The worker processes' I/O, with real processes (small shell scripts) standing in for workers
/// that answer, die or write garbage.
@Suite("Worker processes")
struct WorkerPoolTests {
    /// A worker that answers each job with no files, as `runbook worker` does after writing them.
    static let answering =
        #"while IFS= read -r line; do row=${line#*\"row\":}; echo "{\"row\":${row%%[,\}]*},\"files\":[]}"; done"#

    static func pool(_ script: String, count: Int = 1) throws -> WorkerPool {
        try WorkerPool(BatchWorkers(command: ["/bin/sh", "-c", script], count: count, environment: [:]))
    }

    @Test("sends jobs and reads the answers of each worker; a finished pool's workers have exited")
    func answers() throws {
        let pool = try Self.pool(Self.answering, count: 2)
        for row in 1...6 { pool.send(BatchStateMachineTests.job(row), toWorker: row % 2) }
        var answered: [Int: [Int]] = [:]
        for _ in 1...6 {
            guard case .answer(let outcome, let worker) = pool.nextEvent() else {
                Issue.record("a worker did not answer")
                return
            }
            answered[worker, default: []].append(outcome.row)
        }
        #expect(answered == [0: [2, 4, 6], 1: [1, 3, 5]])
        pool.finish()
    }

    @Test("a worker that dies mid-row is an end of its output, and sending to it afterwards is harmless")
    func death() throws {
        let pool = try Self.pool("read -r line; exit 3")
        pool.send(BatchStateMachineTests.job(1), toWorker: 0)
        #expect(pool.nextEvent() == .ended(worker: 0))
        pool.send(BatchStateMachineTests.job(2), toWorker: 0)
        pool.finish()
    }

    @Test("a line that is not an answer is reported as such; a stopped worker's output ends")
    func garbage() throws {
        let pool = try Self.pool("read -r line; echo 'Segmentation fault'; exec sleep 60")
        pool.send(BatchStateMachineTests.job(1), toWorker: 0)
        #expect(pool.nextEvent() == .unreadable(fromWorker: 0))
        pool.stop(worker: 0)
        #expect(pool.nextEvent() == .ended(worker: 0))
        pool.finish()
    }

    @Test("a worker that cannot start is an error that says how to go on without workers")
    func cannotStart() {
        do {
            _ = try WorkerPool(BatchWorkers(command: ["/nonexistent/runbook"], count: 2, environment: [:]))
            Issue.record("a worker that cannot exist started")
        } catch {
            #expect(error.code == .workerNotStarted)
            #expect(error.message.contains("/nonexistent/runbook") && error.message.contains("--jobs 1"))
        }
    }
}
