extension RunbookBatch {
    /// Every decision of a batch, apart from the I/O that carries it out: where each row is
    /// rendered, when the worker processes start, how many rows are held, what a dead or garbled
    /// worker costs, and the order in which rows are reported.
    ///
    /// It takes events (a row read, an answer, a worker that ended or wrote garbage, the end of
    /// the list) and returns actions for ``RunbookBatch/process(_:workers:summary:perform:record:onEvent:)``
    /// to perform, so the logic is tested without processes. `Row` is what the driver reports a
    /// row with.
    ///
    /// The rules:
    /// - With one worker or none, every row is rendered here. With more, rows wait until more than
    ///   `threshold` are waiting, so a short list never pays for starting processes; a list that
    ///   ends first is rendered here.
    /// - A job goes to the running worker that holds the fewest.
    /// - Rows are reported in the order they were read, each once. At most `window` rows are
    ///   held, reported or not, so memory stays flat however long the list; the driver reads no
    ///   row while ``canTakeRow`` is false.
    /// - A worker that ends or writes garbage fails the rows it held, and is sent no more; when
    ///   no worker is left, the batch stops.
    /// - A row that cannot be written stops the batch when its turn to be reported comes, with one
    ///   process or many: the output folder is the batch's, and every later row would fail alike.
    struct StateMachine<Row> {
        /// What the driver does next.
        enum Action {
            /// Start the worker processes.
            case startWorkers
            /// Send `job` to worker `worker`.
            case send(BatchWorkers.Job, toWorker: Int)
            /// Render `job` in this process and hand its outcome to ``answered(_:)``.
            case renderHere(BatchWorkers.Job)
            /// Stop worker `worker`, which wrote garbage.
            case stopWorker(Int)
            /// Report `row`'s outcome; rows come in the order they were read.
            case report(Row, RowOutcome)
            /// Stop the batch with `error`; nothing follows.
            case stop(RunbookError)
        }

        private enum Mode: Equatable {
            /// Rendering here.
            case here
            /// Holding jobs until enough are waiting to start the workers.
            case undecided
            /// Sending jobs to workers.
            case workers
        }

        private struct HeldRow {
            var row: Row
            var outcome: RowOutcome?
        }

        /// Held rows, in read order; those before `held[first]` are reported, and `held[0]` is the
        /// row read at place `base` (places count every row read from 0).
        private var held: [HeldRow] = []
        private var first = 0
        private var base = 0
        /// The rows of jobs out at a worker (`nil` for here), by job row, with their place.
        private var inFlight: [Int: (place: Int, worker: Int?)] = [:]
        /// Jobs waiting for the workers to start, with their places.
        private var unsent: [(job: BatchWorkers.Job, place: Int)] = []
        private var running: [Bool]
        private var load: [Int]
        private var mode: Mode
        private var hasListEnded = false
        private var stopping: RunbookError?
        private(set) var isStopped = false
        private let threshold: Int
        private let window: Int

        /// A batch over `workers` processes (one or none: this process only), which starts them
        /// once more than `threshold` rows wait and holds at most `window` rows.
        init(workers: Int, threshold: Int = 16, window: Int? = nil) {
            running = Array(repeating: true, count: max(workers, 0))
            load = Array(repeating: 0, count: max(workers, 0))
            mode = workers > 1 ? .undecided : .here
            self.threshold = threshold
            self.window = max(window ?? workers * 32, threshold + 1)
        }

        /// Whether the driver may read another row; when it may not, an answer is awaited.
        var canTakeRow: Bool { !isStopped && held.count - first < window }

        /// Whether every row read has been reported, or the batch stopped.
        var isFinished: Bool { isStopped || (hasListEnded && held.count == first) }

        /// A row was read and validated: `job` to render it, or the `error` that fails it.
        mutating func rowRead(_ row: Row, _ validation: Result<BatchWorkers.Job, RunbookError>) -> [Action] {
            precondition(canTakeRow, "a row was read while the batch could not take one")
            let place = base + held.count
            held.append(HeldRow(row: row))
            var actions: [Action] = []
            switch (validation, mode) {
            case (.failure(let error), _):
                held[held.count - 1].outcome = .failed(error)
            case (.success(let job), .here):
                inFlight[job.row] = (place, nil)
                actions = [.renderHere(job)]
            case (.success(let job), .workers):
                actions = send(job, place: place)
            case (.success(let job), .undecided):
                unsent.append((job, place))
                if unsent.count > threshold {
                    mode = .workers
                    let waiting = unsent
                    unsent = []
                    actions = [.startWorkers] + waiting.flatMap { send($0.job, place: $0.place) }
                }
            }
            // Failed rows behind a few waiting jobs fill the window: render those jobs here.
            if mode == .undecided, held.count - first >= window {
                actions += renderUnsentHere()
            }
            return actions + flush()
        }

        /// The list ended: jobs still waiting for workers are rendered here.
        mutating func listEnded() -> [Action] {
            hasListEnded = true
            return renderUnsentHere() + flush()
        }

        /// The outcome of a job rendered here.
        mutating func answered(_ outcome: BatchWorkers.Outcome) -> [Action] {
            settle(outcome, from: nil)
        }

        /// Something happened on the workers' side.
        mutating func handle(_ event: WorkerPool.Event) -> [Action] {
            guard !isStopped else { return [] }
            switch event {
            case .answer(let outcome, let worker):
                return settle(outcome, from: worker)
            case .unreadable(let worker):
                guard running[worker] else { return [] }
                return [.stopWorker(worker)]
                    + lose(
                        worker, RunbookError.Code.workerUnreadable,
                        "the worker process rendering this row answered with something that is not an answer, "
                            + "and was stopped. Run the batch again; if this row fails again, report it as a bug.")
            case .ended(let worker):
                guard running[worker] else { return [] }
                return lose(
                    worker, .workerExited,
                    "the worker process rendering this row ended unexpectedly. Run the batch again; if this "
                        + "row fails again, render it alone with `runbook render` to see why.")
            }
        }

        private mutating func settle(_ outcome: BatchWorkers.Outcome, from worker: Int?) -> [Action] {
            guard let entry = inFlight[outcome.row], entry.worker == worker else {
                // An answer to a row this worker does not hold is as good as garbage.
                guard let worker else { preconditionFailure("this process answered a row it was not given") }
                return handle(.unreadable(fromWorker: worker))
            }
            inFlight[outcome.row] = nil
            if let worker { load[worker] -= 1 }
            held[entry.place - base].outcome = RowOutcome(outcome)
            return flush()
        }

        /// Fails the rows `worker` held, and stops the batch when it was the last worker.
        private mutating func lose(_ worker: Int, _ code: RunbookError.Code, _ message: String) -> [Action] {
            running[worker] = false
            load[worker] = 0
            for (row, entry) in inFlight where entry.worker == worker {
                inFlight[row] = nil
                held[entry.place - base].outcome = .failed(RunbookError(code, message))
            }
            if !running.contains(true), !(hasListEnded && inFlight.isEmpty) {
                stopping = RunbookError(
                    .workerExited,
                    "every worker process ended unexpectedly. Run the batch again with --jobs 1 to render "
                        + "in one process and see why.")
            }
            return flush()
        }

        private mutating func send(_ job: BatchWorkers.Job, place: Int) -> [Action] {
            // When the last worker ends, the batch stops and takes no more rows.
            guard let worker = running.indices.filter({ running[$0] }).min(by: { load[$0] < load[$1] }) else {
                preconditionFailure("a job was sent with no worker running")
            }
            load[worker] += 1
            inFlight[job.row] = (place, worker)
            return [.send(job, toWorker: worker)]
        }

        private mutating func renderUnsentHere() -> [Action] {
            defer { unsent = [] }
            return unsent.map { waiting in
                inFlight[waiting.job.row] = (waiting.place, nil)
                return .renderHere(waiting.job)
            }
        }

        /// Reports the rows whose turn has come; stops at a row that could not be written, or
        /// when the batch is stopping.
        private mutating func flush() -> [Action] {
            guard !isStopped else { return [] }
            var actions: [Action] = []
            while first < held.count, let outcome = held[first].outcome {
                if case .failed(let error) = outcome, error.code == .cannotWrite {
                    isStopped = true
                    return actions + [.stop(error)]
                }
                actions.append(.report(held[first].row, outcome))
                first += 1
            }
            if first > 256, first * 2 > held.count {
                held.removeFirst(first)
                base += first
                first = 0
            }
            if let stopping {
                isStopped = true
                actions.append(.stop(stopping))
            }
            return actions
        }
    }
}

extension RunbookBatch.RowOutcome {
    /// A worker's answer as a row's outcome.
    init(_ outcome: BatchWorkers.Outcome) {
        self =
            outcome.error.map { .failed(RunbookError(RunbookError.Code(rawValue: $0), outcome.message ?? "")) }
            ?? .written(outcome.files ?? [])
    }
}

extension RunbookBatch.StateMachine.Action: Equatable where Row: Equatable {}
