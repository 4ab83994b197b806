import Foundation

#if canImport(Glibc)
    import Glibc
    private let streamSocket = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    private let sendFlags = Int32(MSG_NOSIGNAL)
    private let systemSend = Glibc.send
#elseif canImport(Darwin)
    import Darwin
    private let streamSocket = SOCK_STREAM
    private let sendFlags: Int32 = 0
    private let systemSend = Darwin.send
#endif

/// The worker processes of a batch, as I/O only: it starts them, sends jobs, and turns what they
/// write into events for ``RunbookBatch/StateMachine``, which makes every decision.
///
/// Each worker talks over one socket pair, which is its standard input and output; the batch
/// reads all of them from one thread with `poll(2)`. A socket, unlike a pipe, can be written
/// without `SIGPIPE` when its worker has died, so the process's signal handling is left alone.
final class WorkerPool {
    /// What a worker did.
    enum Event: Equatable {
        /// Worker `worker` answered a job.
        case answer(BatchWorkers.Outcome, fromWorker: Int)
        /// Worker `worker` wrote a line that is not an answer.
        case unreadable(fromWorker: Int)
        /// Worker `worker`'s output ended: it exited, or was stopped.
        case ended(worker: Int)
    }

    private struct Worker {
        let process: Process
        /// This end of the worker's socket pair; -1 once its output has ended.
        var socket: Int32
        var reader = JSONLines.Reader<BatchWorkers.Outcome>()
    }

    private var workers: [Worker] = []
    private var events: [Event] = []
    /// Where every read lands, allocated once.
    private var buffer = [UInt8](repeating: 0, count: 65_536)

    /// Starts `configuration.count` workers.
    ///
    /// - Throws: `.workerNotStarted` when one cannot be started; those already started are stopped.
    init(_ configuration: BatchWorkers) throws(RunbookError) {
        for _ in 0..<configuration.count {
            var pair: [Int32] = [-1, -1]
            guard socketpair(AF_UNIX, streamSocket, 0, &pair) == 0 else {
                stop()
                throw Self.notStarted(configuration, String(cString: strerror(errno)))
            }
            #if canImport(Darwin)
                for end in pair {
                    _ = fcntl(end, F_SETFD, FD_CLOEXEC)
                    var on: Int32 = 1
                    setsockopt(end, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
                }
            #endif
            let process = Process()
            process.executableURL = URL(fileURLWithPath: configuration.command[0])
            process.arguments = Array(configuration.command.dropFirst())
            process.environment = configuration.environment
            let workerEnd = FileHandle(fileDescriptor: pair[1], closeOnDealloc: false)
            process.standardInput = workerEnd
            process.standardOutput = workerEnd
            process.standardError = FileHandle.standardError
            do {
                try Self.withSignalsUnblocked { try process.run() }
            } catch {
                close(pair[0])
                close(pair[1])
                stop()
                throw Self.notStarted(configuration, error.localizedDescription)
            }
            // The worker holds its end now; this process keeping it would hide the worker's exit.
            close(pair[1])
            workers.append(Worker(process: process, socket: pair[0]))
        }
    }

    /// Runs `body` with no signal blocked on this thread, so a worker started in it, which
    /// inherits the thread's signal mask, can be interrupted and stopped: a thread of Dispatch's
    /// pool blocks most signals.
    private static func withSignalsUnblocked(_ body: () throws -> Void) rethrows {
        var none = sigset_t()
        var previous = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try body()
    }

    private static func notStarted(_ configuration: BatchWorkers, _ reason: String) -> RunbookError {
        RunbookError(
            .workerNotStarted,
            "cannot start a worker process (\(configuration.command[0])): \(reason). Run with --jobs 1 "
                + "to render in this process.")
    }

    /// Sends `job` to worker `index`. A worker that has died is not an error here: its output
    /// ends, which ``nextEvent()`` reports.
    func send(_ job: BatchWorkers.Job, toWorker index: Int) {
        let socket = workers[index].socket
        guard socket >= 0 else { return }
        let line = JSONLines.line(for: job)
        line.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let sent = systemSend(socket, bytes.baseAddress! + offset, bytes.count - offset, sendFlags)
                if sent < 0, errno == EINTR { continue }
                guard sent > 0 else { return }
                offset += sent
            }
        }
    }

    /// Waits for the next thing a worker does: an answer, a line that is not one, or the end of
    /// its output.
    func nextEvent() -> Event {
        while events.isEmpty {
            let open = workers.indices.filter { workers[$0].socket >= 0 }
            precondition(!open.isEmpty, "waited for workers when none was running")
            var polled = open.map { pollfd(fd: workers[$0].socket, events: Int16(POLLIN), revents: 0) }
            guard poll(&polled, nfds_t(polled.count), -1) > 0 else { continue }
            for (index, entry) in zip(open, polled) where entry.revents != 0 {
                read(fromWorker: index)
            }
        }
        return events.removeFirst()
    }

    private func read(fromWorker index: Int) {
        let socket = workers[index].socket
        let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        if count < 0, errno == EINTR || errno == EAGAIN { return }
        guard count > 0 else {
            close(workers[index].socket)
            workers[index].socket = -1
            events.append(.ended(worker: index))
            return
        }
        for line in workers[index].reader.lines(in: Data(buffer[..<count])) {
            events.append(line.map { .answer($0, fromWorker: index) } ?? .unreadable(fromWorker: index))
        }
    }

    /// Stops worker `index` at once (it is broken, so it is killed, not asked); the end of its
    /// output follows as an event.
    func stop(worker index: Int) {
        if workers[index].process.isRunning { kill(workers[index].process.processIdentifier, SIGKILL) }
    }

    /// Tells the workers no more jobs come, so they finish what they hold and exit, and waits
    /// for them. What they still write is read and dropped, so none blocks on a full socket.
    func finish() {
        for worker in workers where worker.socket >= 0 {
            shutdown(worker.socket, Int32(SHUT_WR))
        }
        for worker in workers where worker.socket >= 0 {
            while case let count = buffer.withUnsafeMutableBytes({ recv(worker.socket, $0.baseAddress, $0.count, 0) }),
                count > 0 || (count < 0 && errno == EINTR)
            {}
        }
        for worker in workers {
            worker.process.waitUntilExit()
        }
        closeSockets()
    }

    /// Stops every worker at once and waits for them: the batch could not start them all.
    private func stop() {
        for index in workers.indices {
            stop(worker: index)
        }
        for worker in workers {
            worker.process.waitUntilExit()
        }
        closeSockets()
    }

    private func closeSockets() {
        for index in workers.indices where workers[index].socket >= 0 {
            close(workers[index].socket)
            workers[index].socket = -1
        }
    }
}
