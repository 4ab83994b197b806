import Crypto
import Foundation
import RunbookKit

/// The Secret Token that `runbook verify` presents, kept out of every output.
///
/// Its `description` is a short fingerprint, `sha256:` and the first 8 hex digits of the
/// token's SHA-256, enough to tell two tokens apart and useless for using one. The token's own
/// text is reachable only as the header value a request sends.
public struct SCIMToken: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// Where a token was read from, for messages.
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        case file(String)
        case standardInput
        case environment(String)

        public var description: String {
            switch self {
            case .file(let path): "the token file \(path)"
            case .standardInput: "standard input"
            case .environment(let name): "the environment variable \(name)"
            }
        }
    }

    /// The environment variable the token is read from when no flag names another source.
    public static let environmentVariable = "AIWARE_SCIM_TOKEN"

    private let secret: String

    /// `sha256:` and the first 8 hex digits of the token's SHA-256.
    public let fingerprint: String

    /// Things the user should know about the token as given, such as a removed `Bearer ` prefix.
    public private(set) var warnings: [String]

    /// Cleans what the user gave: surrounding white space goes, and a pasted `Bearer ` prefix
    /// goes with a warning, since Entra adds the scheme itself.
    ///
    /// - Throws: `.missingToken` when nothing is left, `.invalidToken` when the token holds white
    ///   space or anything but visible ASCII, which an `Authorization` header cannot carry.
    public init(_ raw: String, from source: Source) throws(RunbookError) {
        var warnings: [String] = []
        var text = raw.trimmingPasteWhitespace()
        let scheme = text.prefix(7).lowercased()
        if scheme == "bearer " || scheme == "bearer" {
            text = text.dropFirst(scheme.count).trimmingPasteWhitespace()
            warnings.append(
                "removed a ‘Bearer ’ prefix from \(source). Entra adds the scheme itself: paste the "
                    + "token alone in Entra's Secret Token field, or Test Connection fails.")
        }
        guard !text.isEmpty else {
            throw RunbookError(
                .missingToken,
                "\(source) holds no token. Put the API token from aiWARE's Admin Center "
                    + "(Security > API Tokens) there.")
        }
        if let bad = text.unicodeScalars.first(where: { !(0x21...0x7E).contains($0.value) }) {
            let what =
                bad.properties.isWhitespace || bad.value < 0x20
                ? "white space or a line break" : "a character other than visible ASCII"
            throw RunbookError(
                .invalidToken,
                "the token from \(source) holds \(what) inside it, so it cannot be the "
                    + "API token. Copy the token again as one line, with nothing else.")
        }
        secret = String(text)
        fingerprint = "sha256:" + SHA256.hash(data: Data(text.utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
        self.warnings = warnings
    }

    /// The value of an `Authorization` header that presents this token.
    var authorization: String { "Bearer \(secret)" }

    /// What stands for the token where a server echoed it back.
    static let redaction = "[token]"

    /// The answer with every copy of the token replaced by ``redaction``, so that a server
    /// echoing it back, in a body or a `Location`, cannot carry it into a report.
    func redacted(_ response: SCIMResponse) -> SCIMResponse {
        var response = response
        response.body = Self.replacing(Array(secret.utf8), in: response.body)
        response.headers = response.headers.map { ($0.name, $0.value.replacingOccurrences(of: secret, with: Self.redaction)) }
        return response
    }

    private static func replacing(_ secret: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        guard let first = secret.first else { return bytes }
        var result: [UInt8] = []
        var start = 0
        var index = 0
        while index + secret.count <= bytes.count {
            if bytes[index] == first, bytes[index..<index + secret.count].elementsEqual(secret) {
                result += bytes[start..<index]
                result += redaction.utf8
                index += secret.count
                start = index
            } else {
                index += 1
            }
        }
        guard start > 0 else { return bytes }
        return result + bytes[start...]
    }

    public var description: String { fingerprint }
    public var debugDescription: String { "SCIMToken(\(fingerprint))" }

    public static func == (lhs: SCIMToken, rhs: SCIMToken) -> Bool { lhs.secret == rhs.secret }
}

extension SCIMToken {
    /// Reads a token from a file, warning when others can read the file.
    public static func read(file path: String) throws(RunbookError) -> SCIMToken {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RunbookError(
                .missingToken,
                "cannot read the token file \(path): \(error.localizedDescription). "
                    + "Check the path, or pass the token with --token-stdin or \(environmentVariable).")
        }
        let token = try SCIMToken(String(decoding: data, as: UTF8.self), from: .file(path))
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & 0o077 != 0 else { return token }
        let mode = String(status.st_mode & 0o777, radix: 8)
        return token.adding(
            warning: "the token file \(path) can be read by other users (mode \(mode)). "
                + "Restrict it with: chmod 600 \(path)")
    }

    private func adding(warning: String) -> SCIMToken {
        var copy = self
        copy.warnings.append(warning)
        return copy
    }
}
