import Foundation
import RunbookKit

/// Replays what Microsoft Entra ID does on *Test Connection* against a Tenant URL, then goes
/// further, and diagnoses every answer: the checks of DESIGN.md, "Verifying the Tenant URL".
///
/// ```swift
/// let transport = try HTTPClientTransport(trustRoots: .system)
/// let verifier = SCIMVerifier(transport: transport, regions: regions, messages: templates.entraCatalogue())
/// let report = await verifier.verify(endpoint, token: token)
/// ```
///
/// Every request is a read-only `GET` for a random ID no directory holds. Redirects are never
/// followed, so the token goes to the Tenant URL's host alone.
public struct SCIMVerifier: Sendable {
    /// Limits and thresholds.
    public struct Options: Sendable {
        /// The longest one connection or one request, body included, may take.
        public var timeout: Duration = .seconds(10)
        /// A request slower than this makes the latency check warn.
        public var slowRequest: Duration = .milliseconds(600)
        /// How much of a body is read; an empty list response is a few hundred bytes.
        public var bodyLimit = 1 << 20
        /// A certificate that expires within this many days makes the transport check warn.
        public var certificateWarningDays = 14
        /// Whether `http://` to loopback was allowed, for the transport check's wording.
        public var allowHTTPLoopback = false
        /// The proxy the connections go through, for the diagnoses' wording.
        public var proxy: HTTPProxy?

        public init() {}
    }

    let transport: any SCIMTransport
    let regions: RegionTable
    let messages: EntraCatalogue
    let options: Options
    let makeID: @Sendable () -> String
    let now: @Sendable () -> Date
    let interruption: @Sendable () -> String?

    /// The `User-Agent` of the one retry that tells a firewall's 403 apart; Entra sends none.
    static let userAgent = "runbook/\(RunbookRenderer.version)"

    /// Creates a verifier. `makeID` and `now` are injected so tests can fix them. `interruption`
    /// names the signal that stopped the run, such as `SIGINT`, once one did: a rehearsal asks it
    /// when its task is cancelled.
    public init(
        transport: any SCIMTransport, regions: RegionTable, messages: EntraCatalogue, options: Options = Options(),
        makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
        now: @escaping @Sendable () -> Date = { Date() },
        interruption: @escaping @Sendable () -> String? = { nil }
    ) {
        self.transport = transport
        self.regions = regions
        self.messages = messages
        self.options = options
        self.makeID = makeID
        self.now = now
        self.interruption = interruption
    }

    /// Runs every check in order. A check whose outcome makes the later ones meaningless (a bad
    /// URL, no connection, no answer at the Tenant URL) skips them and says why. With a
    /// `rehearsal`, and only once the transport and test connection checks passed, it then
    /// replays Entra's first provisioning cycle on one test user (``SCIMRehearsal``); cancelling
    /// the task stops it, and the user is still removed.
    public func verify(_ endpoint: SCIMEndpoint, token: SCIMToken, rehearsal: SCIMRehearsal? = nil) async -> VerificationReport {
        var run = Run(endpoint: endpoint, token: token, rehearses: rehearsal != nil)

        run.add(inputCheck(endpoint, token: token))
        guard run.last.status != .fail else {
            return run.report(skippingRestBecause: "the URL is not the Tenant URL to check")
        }

        let connection = await transport.connect(to: endpoint, timeout: options.timeout)
        run.add(transportCheck(endpoint, connection))
        // A connection Entra would refuse (no TLS 1.2, a short key) still answers the checks after.
        guard case .success = connection.result else {
            return run.report(skippingRestBecause: "there is no connection to the endpoint")
        }

        let probe = await send(&run, filter: "userName", on: "/Users", token: token)
        var testConnection = listCheck(.testConnection, probe, endpoint: endpoint)
        if let firewall = await firewallRetry(&run, after: probe) {
            testConnection = firewall
        }
        run.add(testConnection)
        if let reason = skipReason(after: probe) {
            return run.report(skippingRestBecause: reason)
        }

        run.add(await authenticationCheck(&run, endpoint: endpoint))

        let tokenRefused = [401, 403].contains(probe.response?.status ?? 0)
        if tokenRefused {
            run.add(VerificationCheck(.groups, .skip, "skipped: it needs a token the endpoint accepts"))
        } else {
            let groups = await send(&run, filter: "displayName", on: "/Groups", token: token, excludeMembers: true)
            run.add(groupsCheck(groups, endpoint: endpoint))
        }

        run.add(await discoveryCheck(&run, endpoint: endpoint, token: token, tokenRefused: tokenRefused))

        if tokenRefused {
            run.add(VerificationCheck(.errorFormat, .skip, "skipped: it needs a token the endpoint accepts"))
        } else {
            let missing = await run.send(SCIMRequest(url: endpoint.url("/Users/\(makeID())"), token: token), via: self)
            run.add(errorFormatCheck(missing))
        }

        if let rehearsal {
            if let reason = rehearsalSkipReason(run) {
                for kind in SCIMRehearsal.checks { run.add(VerificationCheck(kind, .skip, "skipped: \(reason)")) }
            } else {
                for check in await rehearse(rehearsal, &run) { run.add(check) }
            }
        }

        run.add(latencyCheck(run.exchanges))
        return run.report()
    }

    /// Why a probe's answer leaves nothing further to check, if it does.
    private func skipReason(after probe: SCIMExchange) -> String? {
        switch probe.result {
        case .failure:
            return "the Tenant URL gave no answer"
        case .success(let response) where response.status == 404:
            return "nothing answers at the Tenant URL"
        case .success(let response) where (300..<400).contains(response.status):
            return "the Tenant URL redirects elsewhere"
        default:
            return nil
        }
    }

    /// Entra's probe: `GET {url}{resource}?filter={attribute} eq "<random id>"`.
    private func send(
        _ run: inout Run, filter attribute: String, on resource: String, token: SCIMToken?,
        excludeMembers: Bool = false
    ) async -> SCIMExchange {
        var query = [("filter", "\(attribute) eq \"\(makeID())\"")]
        if excludeMembers { query.insert(("excludedAttributes", "members"), at: 0) }
        return await run.send(SCIMRequest(url: run.endpoint.url(resource, query: query), token: token), via: self)
    }

    /// A 403 with an HTML body is often a firewall refusing a request with no `User-Agent`, as
    /// Entra sends none. One retry with a `User-Agent` tells it apart.
    private func firewallRetry(_ run: inout Run, after probe: SCIMExchange) async -> VerificationCheck? {
        guard let response = probe.response, response.status == 403, response.looksLikeHTML else { return nil }
        var request = probe.request
        request.userAgent = Self.userAgent
        let retry = await run.send(request, via: self)
        guard let retried = retry.response, (200..<300).contains(retried.status) else { return nil }
        return VerificationCheck(
            .testConnection, .fail,
            "HTTP 403 with an HTML page: a firewall in front of the endpoint refuses requests without a User-Agent "
                + "header, and Entra sends none (with one, the same request gets HTTP \(retried.status))",
            fix: "Ask whoever runs that firewall (Veritone support, for aiWARE's hosted regions) to let requests without "
                + "a User-Agent through to the SCIM path.",
            entra: messages.testConnectionFailure(status: 403),
            requests: [Self.record(probe, credentials: "token"), Self.record(retry, credentials: "token")])
    }

    /// The requests and checks of one verification.
    struct Run {
        let endpoint: SCIMEndpoint
        let token: SCIMToken
        /// The checks this run reports: the rehearsal's only with `--rehearse`.
        let kinds: [VerificationCheck.Kind]
        private(set) var checks: [VerificationCheck] = []
        private(set) var exchanges: [SCIMExchange] = []

        init(endpoint: SCIMEndpoint, token: SCIMToken, rehearses: Bool) {
            self.endpoint = endpoint
            self.token = token
            kinds = VerificationCheck.Kind.allCases.filter { rehearses || !$0.isRehearsal }
        }

        var last: VerificationCheck { checks[checks.count - 1] }

        mutating func add(_ check: VerificationCheck) {
            checks.append(check)
        }

        /// Sends a request. A `shielded` one runs to its end even when the task is cancelled: the
        /// rehearsal's cleanup.
        mutating func send(_ request: SCIMRequest, via verifier: SCIMVerifier, shielded: Bool = false) async -> SCIMExchange {
            let transport = verifier.transport
            let options = verifier.options
            let perform = { @Sendable in
                await transport.send(request, timeout: options.timeout, bodyLimit: options.bodyLimit)
            }
            var exchange = shielded ? await Task.detached(operation: perform).value : await perform()
            exchange.result = exchange.result.map(token.redacted)
            exchanges.append(exchange)
            return exchange
        }

        func report(skippingRestBecause reason: String? = nil) -> VerificationReport {
            var checks = checks
            if let reason {
                let done = Set(checks.map(\.kind))
                for kind in kinds where !done.contains(kind) {
                    checks.append(VerificationCheck(kind, .skip, "skipped: \(reason)"))
                }
            }
            // The checks quote servers, certificates and libraries; none of it may drive a terminal.
            return VerificationReport(url: endpoint.url, token: token.fingerprint, checks: checks.map(\.visible))
        }
    }

    /// A request as the report shows it; the token is named, never shown.
    static func record(_ exchange: SCIMExchange, credentials: String) -> VerificationCheck.Request {
        var failure: String?
        if case .failure(let error) = exchange.result { failure = describe(error).diagnosis }
        return VerificationCheck.Request(
            method: exchange.request.method.rawValue, url: exchange.request.url,
            credentials: credentials,
            status: exchange.response?.status, failure: failure,
            milliseconds: (exchange.duration.milliseconds * 10).rounded() / 10)
    }
}

extension VerificationCheck {
    /// The check with control characters in its text shown as escapes.
    fileprivate var visible: VerificationCheck {
        var check = self
        check.diagnosis = diagnosis.visibleForMessage(limit: 2_000)
        check.fix = fix?.visibleForMessage(limit: 2_000)
        check.requests = requests.map { request in
            var request = request
            request.failure = request.failure?.visibleForMessage(limit: 500)
            return request
        }
        return check
    }
}
