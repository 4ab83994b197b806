import Foundation
import RunbookTestSupport

/// python-scim's `scim2-server`, a real SCIM server, run on a free loopback port for one test.
///
/// `make test` installs it into `.venv` at the repository root (scim2-server from PyPI).
final class SCIM2Server: @unchecked Sendable {
    static let executable = RunbookProcess.repository.appendingPathComponent(".venv/bin/scim2-server")

    let port: Int
    private let token: String
    private let process: Process

    /// The SCIM base URL: scim2-server serves `/v2`.
    var baseURL: String { "http://127.0.0.1:\(port)/v2" }

    /// Starts the server with a bearer token and waits until it accepts connections.
    init(token: String) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable.path) else {
            throw TestFailure(
                "\(Self.executable.path) is missing: run the tests with `make test`, which installs "
                    + "scim2-server from PyPI into .venv")
        }
        port = try FreePort.next()
        self.token = token
        process = try .testServer(
            Self.executable, ["--hostname", "127.0.0.1", "--port", "\(port)", "--bearer-token", token], listeningOn: port)
    }

    /// How many users the server holds, asked with curl.
    func userCount() throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["--silent", "--max-time", "10", "--header", "@-", "\(baseURL)/Users"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data("Authorization: Bearer \(token)\n".utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard let list = try JSONSerialization.jsonObject(with: data) as? [String: Any], let total = list["totalResults"] as? Int
        else {
            throw TestFailure("scim2-server's /Users is not a list: \(String(decoding: data, as: UTF8.self))")
        }
        return total
    }

    /// Stops the server; its resources live in memory only.
    func stop() { process.kill() }

    deinit { stop() }
}

/// Loopback ports for test servers.
enum FreePort {
    /// A port nothing listens on right now: bound by the kernel's choice, then released.
    static func next() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw TestFailure("cannot bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts connections on the loopback port.
    static func isListening(_ port: Int) -> Bool {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
