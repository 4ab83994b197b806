import Foundation
import RunbookTestSupport

extension Process {
    /// Starts `executable` as a test server with its output discarded, and waits up to 20 seconds
    /// for it to accept connections on the loopback `port`; one that does not is killed, and the
    /// error names it, with `detail` (such as its log).
    static func testServer(
        _ executable: URL, _ arguments: [String], listeningOn port: Int, detail: () -> String = { "" }
    ) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while !FreePort.isListening(port) {
            guard process.isRunning, Date() < deadline else {
                process.kill()
                throw TestFailure(
                    "\(executable.lastPathComponent) did not start listening on port \(port) within 20 seconds\(detail())")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return process
    }

    /// Stops the process with SIGKILL and waits for it. Test servers get SIGKILL: started from a
    /// test's thread, they inherit a signal mask that blocks SIGTERM, and scim2-server's loop
    /// does not stop on SIGTERM or SIGINT anyway.
    func kill() {
        guard isRunning else { return }
        Foundation.kill(processIdentifier, SIGKILL)
        waitUntilExit()
    }
}
