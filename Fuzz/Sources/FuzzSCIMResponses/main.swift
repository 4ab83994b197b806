import Foundation
import FuzzSupport
import RunbookKit
import RunbookVerify

// `runbook verify` against a server the fuzzer writes: the connection's certificate and each
// answer in turn (status, headers, body) come from the input. Whatever the server says, the
// report has every check in order, is valid JSON, never holds the token even when the server
// echoes it, and prints nothing that could drive a terminal. With the selector's 0x40 bit it
// rehearses too (`--rehearse`), and then writes only after its one create, and only to one
// user's URL.

private let secret = "fuzz-secret-4b1d7e0a9c"
private let token = try! SCIMToken(secret, from: .environment(SCIMToken.environmentVariable))
private let endpoint = try! SCIMEndpoint(
    "https://api.us-1.veritone.com/v1/admin/scim/16f982b7-17fa-4c6c-a17b-9e7e018d42c0",
    allowHTTPLoopback: false)
private let rehearsal = try! SCIMRehearsal(email: "it+rehearsal@contoso.example")
private let statuses = [200, 200, 200, 201, 204, 301, 302, 307, 400, 401, 403, 404, 405, 409, 429, 500, 501, 502, 503]
private let contentTypes = ["application/scim+json", "application/json", "text/html; charset=utf-8", "text/plain", ""]
private let failures: [TransportFailure] = [
    .connectionRefused, .connectTimedOut, .timedOut, .connectionClosed,
    .nameNotResolved(host: "api.us-1.veritone.com"), .other("fuzz"),
]

/// A server whose every answer is read from the fuzzer's input, in the order requests arrive.
private final class FuzzedTransport: SCIMTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [ArraySlice<UInt8>]
    private var sent: [SCIMRequest] = []
    private let connection: ConnectionOutcome

    var requests: [SCIMRequest] { lock.withLock { sent } }

    init(_ input: FuzzInput) {
        var fields = input.fields(40)
        let certificate = fields.removeFirst().split(separator: 0x0A, maxSplits: 2, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        let details = ConnectionDetails(
            address: "203.0.113.7:443", tlsVersion: "TLS 1.3",
            certificate: CertificateSummary(
                subject: certificate.first ?? "", issuer: certificate.dropFirst().first ?? "",
                notValidAfter: Date(timeIntervalSince1970: 1_900_000_000),
                names: certificate.dropFirst(2).first.map { [$0] } ?? []))
        connection =
            input.selector & 0x0F == 0x0F
            ? ConnectionOutcome(result: .failure(failures[Int(input.selector >> 4) % failures.count]), duration: .milliseconds(3))
            : ConnectionOutcome(result: .success(details), duration: .milliseconds(3))
        answers = fields
    }

    func connect(to endpoint: SCIMEndpoint, timeout: Duration) async -> ConnectionOutcome { connection }

    func send(_ request: SCIMRequest, timeout: Duration, bodyLimit: Int) async -> SCIMExchange {
        let field = lock.withLock {
            sent.append(request)
            return answers.isEmpty ? [] : answers.removeFirst()
        }
        let status = field.first ?? 0
        let options = field.dropFirst().first ?? 0
        if status >= 0xF8 {
            return SCIMExchange(
                request: request, result: .failure(failures[Int(status) % failures.count]), duration: .milliseconds(5))
        }
        var body = Array(field.dropFirst(2))
        var headers = [(name: "Content-Type", value: contentTypes[Int(options & 0x07) % contentTypes.count])]
        if options & 0x08 != 0 {
            // A redirect target, or anything else, taken from the body's first line.
            let line = body.prefix { $0 != 0x0A }
            headers.append((name: "Location", value: String(decoding: line, as: UTF8.self)))
        }
        if options & 0x10 != 0 {
            body = Array("{\"detail\":\"\(secret)\",\"Resources\":[\"\(secret)\"]}".utf8) + body
        }
        let truncated = options & 0x20 != 0 || body.count > bodyLimit
        let response = SCIMResponse(
            status: status < 0xE0 ? statuses[Int(status) % statuses.count] : Int(status) * 3,
            headers: headers, body: Array(body.prefix(bodyLimit)), isTruncated: truncated)
        return SCIMExchange(request: request, result: .success(response), duration: .milliseconds(Int(options >> 6) * 400))
    }
}

private final class Outcome: @unchecked Sendable {
    var report: VerificationReport?
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSCIMResponses(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = FuzzInput(start, count)
    let transport = FuzzedTransport(input)
    let verifier = SCIMVerifier(
        transport: transport, regions: Shipped.regions, messages: Shipped.messages,
        now: { Date(timeIntervalSince1970: 1_764_374_400) })
    let rehearsal = input.selector & 0x40 != 0 ? rehearsal : nil
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    Task {
        outcome.report = await verifier.verify(endpoint, token: token, rehearsal: rehearsal)
        done.signal()
    }
    done.wait()
    let report = outcome.report!

    let kinds = VerificationCheck.Kind.allCases.filter { rehearsal != nil || !$0.isRehearsal }
    Oracle.require(report.checks.map(\.kind) == kinds, "the checks are \(report.checks.map(\.kind))")
    checkWrites(transport.requests)
    let json = report.json
    Oracle.require((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "the JSON report does not parse")
    Oracle.require(!json.contains(secret), "the JSON report holds the token")
    for check in report.checks {
        for text in [check.diagnosis, check.fix ?? "", check.entraMessage ?? ""] + check.requests.compactMap(\.failure) {
            Oracle.require(!text.contains(secret), "the \(check.kind) check shows the token: \(text)")
            Oracle.require(
                Oracle.isTerminalSafe(text) && !text.contains("\n"), "the \(check.kind) check prints \(text.debugDescription)")
            Oracle.require(text.count < 2_000, "the \(check.kind) check runs to \(text.count) characters")
        }
    }
    return 0
}

/// The rehearsal's safety, whatever the answers: one create at most, nothing written before it,
/// and every write to one user's URL, whose id is a single path segment.
private func checkWrites(_ requests: [SCIMRequest]) {
    let creates = requests.indices.filter { requests[$0].method == .post }
    Oracle.require(creates.count <= 1, "\(creates.count) creates")
    let users = endpoint.url + "/Users/"
    for (index, request) in requests.enumerated() where request.method == .patch || request.method == .delete {
        Oracle.require(creates.first.map { $0 < index } ?? false, "\(request.method) \(request.url) before any create")
        Oracle.require(request.url.hasPrefix(users), "\(request.method) to \(request.url)")
        let segment = request.url.dropFirst(users.count)
        Oracle.require(
            !segment.isEmpty && !segment.contains("/") && !segment.contains("?") && !segment.contains("#"),
            "\(request.method) to \(request.url)")
    }
}
