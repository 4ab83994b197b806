import Foundation
import RunbookTestSupport

/// Debian's tinyproxy, a real HTTP proxy, on a free loopback port for one test, logging every
/// request line it receives to a file the test reads.
///
/// `make test` installs it (the `tinyproxy-bin` package).
final class Tinyproxy: @unchecked Sendable {
    static let executable = URL(fileURLWithPath: "/usr/bin/tinyproxy")

    let port: Int
    let folder: URL
    private let process: Process

    /// The proxy's URL, with `credentials` (`user:password`) when given.
    func url(credentials: String? = nil) -> String {
        "http://\(credentials.map { $0 + "@" } ?? "")127.0.0.1:\(port)"
    }

    /// What the proxy logged.
    var log: String { Self.log(in: folder) }

    private static func log(in folder: URL) -> String {
        (try? String(contentsOf: folder.appendingPathComponent("tinyproxy.log"), encoding: .utf8)) ?? ""
    }

    /// Starts tinyproxy, asking for `basicAuth` (`user password`) when given, allowing CONNECT
    /// to `connectPorts` (every port when empty), and waits until it accepts connections.
    init(basicAuth: String? = nil, connectPorts: [Int] = []) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable.path) else {
            throw TestFailure("\(Self.executable.path) is missing: run the tests with `make test`, which installs tinyproxy-bin")
        }
        port = try FreePort.next()
        folder = try TemporaryFolders.make()
        let configuration =
            [
                "Port \(port)", "Listen 127.0.0.1", "Allow 127.0.0.1", "Timeout 30", "LogLevel Info",
                "LogFile \"\(folder.path)/tinyproxy.log\"", "PidFile \"\(folder.path)/tinyproxy.pid\"",
            ]
            + (basicAuth.map { ["BasicAuth \($0)"] } ?? []) + connectPorts.map { "ConnectPort \($0)" }
        let file = folder.appendingPathComponent("tinyproxy.conf")
        try Data((configuration.joined(separator: "\n") + "\n").utf8).write(to: file)
        process = try .testServer(Self.executable, ["-d", "-c", file.path], listeningOn: port) { [folder] in
            ": " + Self.log(in: folder)
        }
    }

    func stop() { process.kill() }

    deinit { stop() }
}
