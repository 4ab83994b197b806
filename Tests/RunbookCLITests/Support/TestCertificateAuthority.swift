import Foundation
import NIOSSL
import RunbookTestSupport

/// A throwaway certificate authority made with the `openssl` command for one test run, and
/// leaf certificates it signs.
struct TestCertificateAuthority {
    let directory: URL
    var caPEM: URL { directory.appendingPathComponent("ca.pem") }

    /// Makes a new CA in a fresh folder.
    init() throws {
        directory = try TemporaryFolders.make()
        try Self.openssl(
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "ca.key", "-out", "ca.pem", "-days", "365", "-subj", "/CN=runbook test CA",
            ], in: directory)
    }

    /// A certificate for `names` (DNS names or IPv4 addresses), signed by this CA, as a server
    /// context. `rsaBits` makes its key RSA instead of ECDSA P-256; the TLS versions and cipher
    /// suites limit what the server offers.
    func serverContext(
        names: [String], days: Int = 90, rsaBits: Int? = nil, minimumTLSVersion: TLSVersion = .tlsv1,
        maximumTLSVersion: TLSVersion? = nil, cipherSuites: [NIOTLSCipher]? = nil
    ) throws -> NIOSSLContext {
        let stem = "leaf-\(UUID().uuidString)"
        let sans = names.map { $0.allSatisfy { $0.isNumber || $0 == "." } ? "IP:\($0)" : "DNS:\($0)" }.joined(separator: ",")
        try Data("subjectAltName=\(sans)\n".utf8).write(to: directory.appendingPathComponent("\(stem).ext"))
        let key = rsaBits.map { ["-newkey", "rsa:\($0)"] } ?? ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
        try Self.openssl(
            ["req"] + key + ["-nodes", "-keyout", "\(stem).key", "-out", "\(stem).csr", "-subj", "/CN=\(names[0])"], in: directory
        )
        try Self.openssl(
            [
                "x509", "-req", "-in", "\(stem).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "\(stem).pem", "-days", "\(days)", "-extfile", "\(stem).ext",
            ], in: directory)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(directory.appendingPathComponent("\(stem).pem").path).map {
                .certificate($0)
            },
            privateKey: .privateKey(
                try NIOSSLPrivateKey(file: directory.appendingPathComponent("\(stem).key").path, format: .pem)))
        configuration.maximumTLSVersion = maximumTLSVersion
        configuration.minimumTLSVersion = minimumTLSVersion
        if let cipherSuites { configuration.cipherSuiteValues = cipherSuites }
        return try NIOSSLContext(configuration: configuration)
    }

    private static func openssl(_ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestFailure("openssl \(arguments.joined(separator: " ")) failed: \(String(decoding: message, as: UTF8.self))")
        }
    }
}
