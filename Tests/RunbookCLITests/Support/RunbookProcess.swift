import Foundation
import RunbookTestSupport

/// Runs the real `runbook` executable that `swift build` put beside the test bundle.
struct RunbookProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let repository = Repository.root

    static let executable: URL = {
        #if os(Linux)
            let testBundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        #else
            let testBundle = Bundle(for: BundleMarker.self).bundleURL
        #endif
        return testBundle.deletingLastPathComponent().appendingPathComponent("runbook")
    }()

    /// Runs `runbook` with `arguments`, a clean environment plus `environment`, in `directory`.
    /// `whileRunning` gets the process once it started, on another thread, such as to signal it.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil,
        stdin: String? = nil, executable: URL = executable,
        whileRunning: (@Sendable (Process) -> Void)? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()].merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = directory }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let whileRunning {
            nonisolated(unsafe) let running = process
            DispatchQueue.global().async { whileRunning(running) }
        }
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        }
        // Drain standard error on another thread, so a full pipe cannot block the child.
        let errors = ErrorOutput()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errors.data = stderr.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: output, as: UTF8.self),
            stderr: String(decoding: errors.data, as: UTF8.self))
    }

    private final class ErrorOutput: @unchecked Sendable {
        var data = Data()
    }
}

#if !os(Linux)
    /// A class of this test bundle, to find the bundle, and the built products beside it.
    private final class BundleMarker {}
#endif
