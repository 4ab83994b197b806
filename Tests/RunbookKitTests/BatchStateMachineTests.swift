import Foundation
import Testing

@testable import RunbookKit

/// The decisions of a batch, without processes: where rows go, what a dead or garbled worker
/// costs, how many rows are held, and the order rows are reported in.
@Suite("A batch's decisions")
struct BatchStateMachineTests {
    typealias Machine = RunbookBatch.StateMachine<Int>
    typealias Action = Machine.Action

    static func job(_ row: Int) -> BatchWorkers.Job {
        .init(row: row, region: "us-1", tenant: "16f982b7-17fa-4c6c-a17b-9e7e018d42c0", customer: nil, email: nil)
    }

    static func written(_ row: Int) -> BatchWorkers.Outcome {
        .init(row: row, files: [.init(path: "\(row)/runbook.md", digest: nil)])
    }

    static func failed(_ row: Int, _ code: RunbookError.Code) -> BatchWorkers.Outcome {
        .init(row: row, error: code.rawValue, message: "row \(row) failed")
    }

    static let invalid = RunbookError(.notAURL, "the row names no tenant.")

    /// The rows reported by `actions`, in order, with the code of each that failed.
    static func reports(_ actions: [Action]) -> [String] {
        actions.compactMap {
            switch $0 {
            case .report(let row, .written): "\(row)"
            case .report(let row, .failed(let error)): "\(row) \(error.code)"
            default: nil
            }
        }
    }

    static func sends(_ actions: [Action]) -> [Int: [Int]] {
        var sent: [Int: [Int]] = [:]
        for case .send(let job, let worker) in actions { sent[worker, default: []].append(job.row) }
        return sent
    }

    @Test("one process: each row is rendered here and reported as soon as it is answered, failed rows in their place")
    func oneProcess() {
        var machine = Machine(workers: 1)
        #expect(machine.rowRead(1, .success(Self.job(1))) == [.renderHere(Self.job(1))])
        #expect(Self.reports(machine.answered(Self.written(1))) == ["1"])
        #expect(Self.reports(machine.rowRead(2, .failure(Self.invalid))) == ["2 not-a-url"])
        #expect(machine.rowRead(3, .success(Self.job(3))) == [.renderHere(Self.job(3))])
        #expect(Self.reports(machine.answered(Self.failed(3, .invalidHeaderValue))) == ["3 invalid-header-value"])
        #expect(machine.listEnded().isEmpty && machine.isFinished)
    }

    @Test("a short list never starts the workers: what waits for them is rendered here when the list ends")
    func shortList() {
        var machine = Machine(workers: 4, threshold: 3)
        for row in 1...3 { #expect(machine.rowRead(row, .success(Self.job(row))).isEmpty) }
        #expect(!machine.isFinished)
        let ended = machine.listEnded()
        #expect(ended == (1...3).map { .renderHere(Self.job($0)) })
        var reported: [String] = []
        for row in [1, 2, 3] { reported += Self.reports(machine.answered(Self.written(row))) }
        #expect(reported == ["1", "2", "3"] && machine.isFinished)
    }

    @Test("answers in any order are reported in row order, each once; jobs go to the worker holding fewest")
    func ordering() {
        var machine = Machine(workers: 2, threshold: 2)
        var actions = machine.rowRead(1, .success(Self.job(1)))
        actions += machine.rowRead(2, .failure(Self.invalid))
        actions += machine.rowRead(3, .success(Self.job(3)))
        #expect(actions.isEmpty, "two jobs wait; the failed row waits behind the first")
        actions = machine.rowRead(4, .success(Self.job(4)))
        #expect(actions.first == .startWorkers)
        #expect(Self.sends(actions) == [0: [1, 4], 1: [3]])
        #expect(Self.sends(machine.rowRead(5, .success(Self.job(5)))) == [1: [5]])

        var reported = Self.reports(machine.handle(.answer(Self.written(4), fromWorker: 0)))
        reported += Self.reports(machine.handle(.answer(Self.written(3), fromWorker: 1)))
        #expect(reported.isEmpty, "row 1 is not answered yet")
        reported += Self.reports(machine.handle(.answer(Self.written(1), fromWorker: 0)))
        #expect(reported == ["1", "2 not-a-url", "3", "4"])
        #expect(Self.reports(machine.listEnded()).isEmpty && !machine.isFinished)
        #expect(Self.reports(machine.handle(.answer(Self.written(5), fromWorker: 1))) == ["5"])
        #expect(machine.isFinished)
        #expect(machine.handle(.ended(worker: 0)).isEmpty && machine.handle(.ended(worker: 1)).isEmpty)
    }

    /// A machine with two workers and rows 1 to 4 sent: 1 and 3 to worker 0, 2 and 4 to worker 1.
    static func started() -> Machine {
        var machine = Machine(workers: 2, threshold: 3)
        for row in 1...4 { _ = machine.rowRead(row, .success(Self.job(row))) }
        return machine
    }

    @Test("a worker that dies mid-row fails the rows it held, in their place; the other goes on with the rest")
    func workerDies() {
        var machine = Self.started()
        var reported = Self.reports(machine.handle(.answer(Self.written(2), fromWorker: 1)))
        reported += Self.reports(machine.handle(.ended(worker: 0)))
        #expect(reported == ["1 worker-exited", "2", "3 worker-exited"])
        #expect(Self.sends(machine.rowRead(5, .success(Self.job(5)))) == [1: [5]])
        reported = Self.reports(machine.handle(.answer(Self.written(4), fromWorker: 1)))
        reported += Self.reports(machine.handle(.answer(Self.written(5), fromWorker: 1)))
        #expect(reported == ["4", "5"])
        #expect(machine.listEnded().isEmpty && machine.isFinished)
    }

    @Test("when the last worker dies, the batch reports what is settled and stops")
    func lastWorkerDies() {
        var machine = Self.started()
        _ = machine.handle(.ended(worker: 1))
        let actions = machine.handle(.ended(worker: 0))
        #expect(Self.reports(actions) == ["1 worker-exited", "2 worker-exited", "3 worker-exited", "4 worker-exited"])
        guard case .stop(let error) = actions.last else {
            Issue.record("the batch went on with no worker: \(actions)")
            return
        }
        #expect(error.code == .workerExited && error.message.contains("--jobs 1"))
        #expect(machine.isFinished && !machine.canTakeRow)
    }

    @Test("workers that exit after the last row was answered are no failure")
    func workersExitAtTheEnd() {
        var machine = Self.started()
        for (row, worker) in [(1, 0), (2, 1), (3, 0), (4, 1)] {
            _ = machine.handle(.answer(Self.written(row), fromWorker: worker))
        }
        #expect(machine.listEnded().isEmpty && machine.isFinished)
        #expect(machine.handle(.ended(worker: 0)).isEmpty && machine.handle(.ended(worker: 1)).isEmpty)
    }

    @Test(
        "a worker that writes garbage, or answers a row it does not hold, is stopped and fails the rows it held",
        arguments: [
            WorkerPool.Event.unreadable(fromWorker: 0),
            .answer(BatchStateMachineTests.written(2), fromWorker: 0),
            .answer(BatchStateMachineTests.written(99), fromWorker: 0),
        ])
    func garbage(event: WorkerPool.Event) {
        var machine = Self.started()
        let actions = machine.handle(event)
        #expect(actions.first == .stopWorker(0))
        #expect(Self.reports(actions) == ["1 worker-unreadable"])
        var reported = Self.reports(machine.handle(.answer(Self.written(3), fromWorker: 0)))
        reported += Self.reports(machine.handle(.ended(worker: 0)))
        #expect(reported.isEmpty, "a stopped worker's later words are ignored")
        reported = Self.reports(machine.handle(.answer(Self.written(2), fromWorker: 1)))
        #expect(reported == ["2", "3 worker-unreadable"])
        #expect(Self.sends(machine.rowRead(5, .success(Self.job(5)))) == [1: [5]])
    }

    @Test("back-pressure: no row is read while the window is full of held rows, until the first is answered")
    func backPressure() {
        var machine = Machine(workers: 2, threshold: 1, window: 4)
        for row in 1...4 {
            #expect(machine.canTakeRow)
            _ = machine.rowRead(row, .success(Self.job(row)))
        }
        #expect(!machine.canTakeRow)
        #expect(Self.reports(machine.handle(.answer(Self.written(2), fromWorker: 1))).isEmpty)
        #expect(!machine.canTakeRow, "an answered row still waits for row 1")
        #expect(Self.reports(machine.handle(.answer(Self.written(1), fromWorker: 0))) == ["1", "2"])
        #expect(machine.canTakeRow)
    }

    @Test("failed rows piling up behind a few waiting jobs render those jobs here, never waiting on workers")
    func failedRowsFillTheWindow() {
        var machine = Machine(workers: 4, threshold: 16, window: 20)
        var actions = machine.rowRead(1, .success(Self.job(1)))
        for row in 2...20 { actions += machine.rowRead(row, .failure(Self.invalid)) }
        #expect(actions == [.renderHere(Self.job(1))])
        #expect(Self.reports(machine.answered(Self.written(1))).count == 20)
        #expect(machine.canTakeRow)
    }

    @Test("a row that cannot be written stops the batch in its turn, with one process or with workers", arguments: [1, 2])
    func writeFailureStops(workers: Int) {
        var machine = Machine(workers: workers, threshold: 0)
        var actions: [Action] = []
        for row in 1...3 { actions += machine.rowRead(row, .success(Self.job(row))) }
        let full = Self.failed(2, .cannotWrite)
        if workers == 1 {
            actions = machine.answered(Self.written(1)) + machine.answered(full)
        } else {
            actions = machine.handle(.answer(full, fromWorker: 1)) + machine.handle(.answer(Self.written(1), fromWorker: 0))
        }
        #expect(Self.reports(actions) == ["1"])
        #expect(actions.last == .stop(RunbookError(.cannotWrite, "row 2 failed")))
        #expect(machine.isFinished && !machine.canTakeRow)
        #expect(machine.handle(.answer(Self.written(3), fromWorker: 0)).isEmpty)
    }
}
