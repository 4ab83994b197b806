import Foundation

// The diagnosis of each check. Facts behind them: REFERENCE.md, "Entra side" and "SCIM".

extension SCIMVerifier {
    private static let listResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
    private static let errorSchema = "urn:ietf:params:scim:api:messages:2.0:Error"

    // MARK: input

    func inputCheck(_ endpoint: SCIMEndpoint, token: SCIMToken) -> VerificationCheck {
        var status = VerificationCheck.Status.pass
        var findings: [String] = []
        var fixes: [String] = []
        var entra: [EntraMessage] = []

        if regions.region(forHost: endpoint.host) != nil {
            do {
                let tenant = try TenantURL(TenantInput(url: endpoint.baseURL), regions: regions)
                if tenant.source == .tenantURL {
                    findings.append("an aiWARE Tenant URL: region \(tenant.region.key), tenant \(tenant.tenantID)")
                } else {
                    status = .fail
                    findings.append("this is the OpenID \(tenant.source.rawValue), not the SCIM Tenant URL")
                    fixes.append("Use the Tenant URL \(tenant.absoluteString), in Entra and here.")
                    entra = messages.testConnectionFailure(status: 404)
                }
            } catch {
                status = .fail
                findings.append("not a Tenant URL: \(error.message)")
                entra = messages.testConnectionFailure(status: 404)
            }
        } else {
            status = .warn
            findings.append(
                "\(endpoint.host) is not an aiWARE API host; checking it as a SCIM endpoint anyway, since "
                    + "Entra accepts any HTTPS URL")
            if let tenant = openIDTenant(in: endpoint.path) {
                status = .fail
                findings.append("its path is an OpenID provider's, not SCIM's")
                fixes.append(
                    "Use \(endpoint.scheme)://\(endpoint.urlHost)\(endpoint.port == (endpoint.usesTLS ? 443 : 80) ? "" : ":\(endpoint.port)")/v1/admin/scim/\(tenant), in Entra and here."
                )
                entra = messages.testConnectionFailure(status: 404)
            } else {
                fixes.append("For an on-premises aiWARE, add its host to a regions file and pass --regions.")
            }
        }

        if endpoint.hasSCIMComplianceFlag {
            findings.append(
                "with Entra's flag ?\(SCIMEndpoint.scimComplianceFlag), which changes how Entra writes some "
                    + "PATCH requests (disabling a user, adding a single-value attribute, replacing several attributes, "
                    + "removing a group member) to RFC 7644's form, currently not in provisioning on demand; Learn says this "
                    + "form will become Entra's default; aiWARE documents no need for the flag, and --rehearse tells which form "
                    + "the endpoint accepts")
        }

        if !token.warnings.isEmpty {
            status = max(status, .warn)
            fixes += token.warnings.map { $0.prefix(1).uppercased() + $0.dropFirst() }
        }
        return VerificationCheck(
            .input, status, findings.joined(separator: "; "),
            fix: fixes.isEmpty ? nil : fixes.joined(separator: " "), entra: entra)
    }

    /// The tenant ID of an OpenID callback, login or provider path, if the path is one.
    private func openIDTenant(in path: String) -> TenantID? {
        guard let match = path.wholeMatch(of: /\/v1\/admin\/openid\/([0-9A-Fa-f-]{36})(?:\/login|\/callback\/login)?/) else {
            return nil
        }
        return TenantID(match.1)
    }

    // MARK: transport

    func transportCheck(_ endpoint: SCIMEndpoint, _ outcome: ConnectionOutcome) -> VerificationCheck {
        let check = { (status: VerificationCheck.Status, diagnosis: String, fix: String?, entra: [EntraMessage]) in
            VerificationCheck(
                .transport, status, diagnosis, fix: fix, entra: entra,
                milliseconds: outcome.duration.milliseconds)
        }
        let details: ConnectionDetails
        switch outcome.result {
        case .failure(let failure):
            let (diagnosis, fix) = Self.describe(failure, endpoint: endpoint, timeout: options.timeout)
            return check(.fail, diagnosis, fix, messages.noAnswer)
        case .success(let connected):
            details = connected
        }
        guard let version = details.tlsVersion else {
            return check(
                .pass,
                "plain HTTP to \(details.address), allowed for a test server on this machine by "
                    + "--allow-http-loopback; Entra itself accepts only HTTPS", nil, [])
        }
        var findings = ["\(version) to \(details.address)"]
        var status = VerificationCheck.Status.pass
        var fixes: [String] = []
        if let certificate = details.certificate {
            let key = certificate.key.map { " with an \($0)" } ?? ""
            findings.append(
                "certificate \(certificate.subject.visibleForMessage(limit: 120))\(key), issued by "
                    + "\(certificate.issuer.visibleForMessage(limit: 120)), valid for \(endpoint.host) until "
                    + "\(PublicationDate(secondsSince1970: Int64(certificate.notValidAfter.timeIntervalSince1970)))")
            let days = Int(certificate.notValidAfter.timeIntervalSince(now()) / 86_400)
            if days < options.certificateWarningDays {
                status = .warn
                findings[findings.count - 1] += ", which is in \(days) \(days == 1 ? "day" : "days")"
                fixes.append("Renew the certificate soon: when it expires, every provisioning cycle fails.")
            }
            if let key = certificate.key {
                if !key.meetsEntraMinimum {
                    status = .fail
                    findings.append("Entra requires RSA keys of at least 2,048 bits and ECC keys of at least 256")
                    fixes.append(
                        "Replace the certificate with one whose RSA key has at least 2,048 bits, or an ECDSA key "
                            + "of at least 256.")
                }
            }
        } else {
            findings[0] += ", certificate verified for \(endpoint.host)"
        }
        switch details.tls12 {
        case .learnSuites?:
            findings.append("TLS 1.2, the only version Entra uses, works with a cipher suite of Learn's list")
        case .otherSuites?:
            status = max(status, .warn)
            findings.append("TLS 1.2 works, but not with the GCM cipher suites of Learn's list (its CBC ones could not be tried)")
            fixes.append(
                "Entra uses TLS 1.2 with the ECDHE cipher suites that Learn's SCIM tutorial lists: offer "
                    + "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 or another of them, or check the CBC ones with "
                    + "openssl s_client -tls1_2 -cipher ECDHE-RSA-AES128-SHA256.")
        case .unsupported?:
            status = .fail
            findings.append("no TLS 1.2 handshake succeeds, and TLS 1.2 is the only version Entra uses")
            fixes.append(
                "Enable TLS 1.2 on the server, with a cipher suite of Learn's list such as "
                    + "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256.")
        case nil:
            break
        }
        return check(
            status, findings.joined(separator: "; "), fixes.isEmpty ? nil : fixes.joined(separator: " "),
            status == .fail ? messages.noAnswer : [])
    }

    // MARK: test connection

    /// Entra's probe passes only on HTTP 200 with an empty SCIM ListResponse.
    func listCheck(_ kind: VerificationCheck.Kind, _ exchange: SCIMExchange, endpoint: SCIMEndpoint) -> VerificationCheck {
        let requests = [Self.record(exchange, credentials: "token")]
        let check = { (status: VerificationCheck.Status, diagnosis: String, fix: String?, entra: [EntraMessage]) in
            VerificationCheck(kind, status, diagnosis, fix: fix, entra: entra, requests: requests)
        }
        let response: SCIMResponse
        switch exchange.result {
        case .failure(let failure):
            let (diagnosis, fix) = Self.describe(failure, endpoint: endpoint, timeout: options.timeout)
            return check(.fail, diagnosis, fix, messages.noAnswer)
        case .success(let answer):
            response = answer
        }

        let status = response.status
        switch status {
        case 200:
            break
        case 300..<400:
            let location = response.header("Location").map { " to \($0.quotedForMessage(limit: 200))" } ?? ""
            return check(
                .fail,
                "HTTP \(status): the endpoint redirects\(location), and runbook does not follow "
                    + "redirects with the token",
                "Test Connection needs HTTP 200 at the Tenant URL itself. If the new "
                    + "address is the right endpoint, use it as the Tenant URL; if not, check the URL.",
                messages.testConnectionFailure(status: status))
        case 401:
            return check(
                .fail, "HTTP 401: the Secret Token was refused",
                "Generate a new token in aiWARE's Admin Center "
                    + "(Security > API Tokens) with every Admin:user permission, and paste it alone, without ‘Bearer ’.",
                messages.testConnectionFailure(status: status))
        case 403:
            return check(
                .fail,
                "HTTP 403: the token is known but may not read users, or something in front of the "
                    + "endpoint refused the request",
                "Give the token every Admin:user permission (Select All) when you "
                    + "generate it; if it has them, send this report to Veritone support.",
                messages.testConnectionFailure(status: status))
        case 404:
            return check(
                .fail, "HTTP 404: nothing answers at this URL",
                "Check the Tenant URL: it must be "
                    + "https://<API host>/v1/admin/scim/<tenant ID>, with the host and tenant ID of the callback URI in the "
                    + "Admin Center. `runbook url <callback URL>` prints it.", messages.testConnectionFailure(status: status))
        case 400 where scimType(of: response) == "invalidFilter":
            return check(
                .fail,
                "HTTP 400 invalidFilter: the endpoint does not accept Entra's filter "
                    + "‘userName eq \"…\"’",
                "The SCIM service must support the eq filter on userName (RFC 7644 §3.4.2.2); "
                    + "send this report to its owner (Veritone support).", messages.testConnectionFailure(status: status))
        case 501:
            return check(
                .fail, "HTTP 501: the endpoint does not implement this request",
                "The SCIM service must answer "
                    + "GET /Users with a filter; send this report to its owner (Veritone support).",
                messages.testConnectionFailure(status: status))
        case 500..<600:
            return check(
                .fail, "HTTP \(status): the SCIM service failed while answering",
                "Try again in a few minutes; "
                    + "if it persists, send this report to Veritone support.", messages.testConnectionFailure(status: status))
        default:
            return check(
                .fail, "HTTP \(status) where Test Connection needs 200\(errorDetail(of: response))",
                "Send this report to the SCIM service's owner (Veritone support).", messages.testConnectionFailure(status: status)
            )
        }

        if response.isTruncated {
            return check(
                .fail,
                "HTTP 200, but the body goes on past \(options.bodyLimit / 1_024) KiB, far more than an "
                    + "empty list",
                "The filter is probably ignored and every user returned; send this report to Veritone "
                    + "support.", [messages[.serviceIncompatible]])
        }
        guard let body = JSONValue.parse(response.body), case .object = body else {
            let what =
                response.looksLikeHTML
                ? "an HTML page"
                : JSONValue.isTooDeep(response.body) ? "JSON nested deeper than \(JSONValue.maximumDepth) levels" : "not JSON"
            return check(
                .fail, "HTTP 200, but the body is \(what)\(Self.preview(response.body))",
                "Something other than "
                    + "the SCIM service answered, such as a proxy or a login page. Check the URL and the network path.",
                [messages[.serviceIncompatible]])
        }
        guard body.schemas.contains(Self.listResponse) else {
            return check(
                .fail,
                "HTTP 200, but the body is not a SCIM ListResponse (its schemas are "
                    + "\(body.schemas.isEmpty ? "missing" : Self.list(body.schemas)))",
                "The endpoint must answer "
                    + "with the \(Self.listResponse) schema (RFC 7644 §3.4.2).", [messages[.serviceIncompatible]])
        }
        if body["Resources"] == .null {
            return check(
                .fail, "HTTP 200, but the list says \"Resources\": null, which fails Entra's Test Connection",
                "An empty list must have \"Resources\": [] or leave it out; send this report to Veritone support.",
                [messages[.serviceIncompatible]])
        }
        let returned = body["Resources"]?.array?.count ?? 0
        guard let total = body["totalResults"]?.integer else {
            return check(
                .fail, "HTTP 200, but the list has no whole-number totalResults",
                "RFC 7644 §3.4.2 requires "
                    + "totalResults; send this report to Veritone support.", [messages[.serviceIncompatible]])
        }
        guard total == 0, returned == 0 else {
            return check(
                .fail,
                "HTTP 200, but the filter was ignored: \(max(total, returned)) resources came back for a "
                    + "name no directory holds",
                "The SCIM service must apply the filter; send this report to Veritone "
                    + "support.", [messages[.multipleEntries]])
        }
        let contentType = response.header("Content-Type") ?? "none"
        guard contentType.lowercased().hasPrefix("application/scim+json") else {
            return check(
                .warn,
                "HTTP 200, an empty ListResponse, but with Content-Type \(contentType.quotedForMessage()) "
                    + "instead of application/scim+json", "Entra accepts it; RFC 7644 §8.1 asks for application/scim+json.", [])
        }
        return check(
            .pass,
            kind == .testConnection
                ? "HTTP 200, an empty ListResponse: Entra's Test Connection will pass"
                : "HTTP 200, an empty ListResponse", nil, [])
    }

    // MARK: authentication

    func authenticationCheck(_ run: inout Run, endpoint: SCIMEndpoint) async -> VerificationCheck {
        let filter = [("filter", "userName eq \"\(makeID())\"")]
        // A wrong token of a plausible shape, made fresh for each run.
        let wrongToken = try? SCIMToken("runbook-wrong-token-\(makeID())", from: .standardInput)
        let bare = await run.send(SCIMRequest(url: endpoint.url("/Users", query: filter), token: nil), via: self)
        let wrong = await run.send(SCIMRequest(url: endpoint.url("/Users", query: filter), token: wrongToken), via: self)
        let requests = [Self.record(bare, credentials: "none"), Self.record(wrong, credentials: "wrong-token")]

        var accepted: [String] = []
        var answers: [String] = []
        for (exchange, what) in [(bare, "no token"), (wrong, "a wrong token")] {
            switch exchange.result {
            case .failure(let failure):
                let (diagnosis, fix) = Self.describe(failure, endpoint: endpoint, timeout: options.timeout)
                return VerificationCheck(
                    .authentication, .fail, "a request with \(what) got no answer: \(diagnosis)",
                    fix: fix, entra: messages.noAnswer, requests: requests)
            case .success(let response):
                if (200..<300).contains(response.status) { accepted.append(what) }
                answers.append("\(what) gets HTTP \(response.status)")
            }
        }
        if !accepted.isEmpty {
            return VerificationCheck(
                .authentication, .fail,
                "the endpoint answers a request with \(accepted.joined(separator: " and with ")) "
                    + "with success: anyone who can reach it can read your users, and Entra's Test Connection passes, which "
                    + "hides this",
                fix: "The SCIM endpoint must refuse requests without the right bearer token (HTTP 401). "
                    + "Report this to Veritone support at once.", requests: requests)
        }
        let refused = [bare, wrong].allSatisfy { [401, 403].contains($0.response?.status ?? 0) }
        guard refused else {
            return VerificationCheck(
                .authentication, .warn, answers.joined(separator: ", ") + ", where 401 is expected",
                fix: "A SCIM endpoint should answer a missing or wrong token with HTTP 401 (RFC 7644 §3.12).",
                requests: requests)
        }
        return VerificationCheck(
            .authentication, .pass,
            "refuses requests without the token: "
                + answers.joined(separator: ", "), requests: requests)
    }

    // MARK: groups

    func groupsCheck(_ exchange: SCIMExchange, endpoint: SCIMEndpoint) -> VerificationCheck {
        let mappingOff =
            "Turn the groups mapping off in Entra: Mappings (in the newer experience, Attribute mapping) > "
            + "Provision Microsoft Entra ID Groups > Enabled: No."
        if let status = exchange.response?.status, [404, 405, 501].contains(status) {
            return VerificationCheck(
                .groups, .warn, "HTTP \(status): the endpoint serves no groups", fix: mappingOff,
                requests: [Self.record(exchange, credentials: "token")])
        }
        var check = listCheck(.groups, exchange, endpoint: endpoint)
        if check.status == .pass {
            check.diagnosis = "HTTP 200, an empty ListResponse to Entra's group probe"
        } else if check.status == .fail {
            // aiWARE documents no groups endpoint: a failing group probe is a reason to turn the mapping off.
            check.status = .warn
            check.fix = [check.fix, mappingOff].compactMap { $0 }.joined(separator: " ")
            check.entraMessages = []
        }
        return check
    }

    // MARK: discovery

    /// `tokenRefused`: the token was refused, so a 401 or 403 here says nothing about discovery.
    func discoveryCheck(_ run: inout Run, endpoint: SCIMEndpoint, token: SCIMToken, tokenRefused: Bool) async -> VerificationCheck
    {
        var findings: [String] = []
        var missing: [String] = []
        var unchecked: [String] = []
        var requests: [VerificationCheck.Request] = []
        for resource in ["ServiceProviderConfig", "Schemas", "ResourceTypes"] {
            let exchange = await run.send(SCIMRequest(url: endpoint.url("/" + resource), token: token), via: self)
            requests.append(Self.record(exchange, credentials: "token"))
            if tokenRefused, let status = exchange.response?.status, [401, 403].contains(status) {
                unchecked.append("/\(resource)")
                continue
            }
            guard let response = exchange.response, response.status == 200, !response.isTruncated,
                let body = JSONValue.parse(response.body)
            else {
                missing.append("/\(resource) (\(exchange.response.map { "HTTP \($0.status)" } ?? "no answer"))")
                continue
            }
            switch resource {
            case "ServiceProviderConfig":
                let features = ["filter", "patch", "bulk", "sort", "etag", "changePassword"].map { name in
                    "\(name) \(body[name]?["supported"]?.bool == true ? "yes" : "no")"
                }
                findings.append("ServiceProviderConfig: " + features.joined(separator: ", "))
                if body["filter"]?["supported"]?.bool == false {
                    missing.append("filtering, which the configuration says is unsupported though Test Connection needs it")
                }
            case "Schemas":
                findings.append("\(body["Resources"]?.array?.count ?? body.array?.count ?? 0) schemas")
            default:
                let names = (body["Resources"]?.array ?? body.array ?? []).compactMap { $0["name"]?.string }
                findings.append("resource types \(names.isEmpty ? "none" : Self.list(names))")
            }
        }
        if !unchecked.isEmpty {
            guard !findings.isEmpty || !missing.isEmpty else {
                return VerificationCheck(.discovery, .skip, "skipped: it needs a token the endpoint accepts", requests: requests)
            }
            findings.append("\(unchecked.joined(separator: " and ")) not checked, as the token was refused")
        }
        let diagnosis = findings.isEmpty ? "no discovery endpoint answered" : findings.joined(separator: "; ")
        guard missing.isEmpty else {
            return VerificationCheck(
                .discovery, .warn, diagnosis + "; missing: " + missing.joined(separator: ", "),
                fix: "Entra does not need discovery, but SCIM clients use it to learn what the "
                    + "endpoint supports (RFC 7644 §4).", requests: requests)
        }
        return VerificationCheck(.discovery, .pass, diagnosis, requests: requests)
    }

    // MARK: error format

    func errorFormatCheck(_ exchange: SCIMExchange) -> VerificationCheck {
        let requests = [Self.record(exchange, credentials: "token")]
        guard let response = exchange.response else {
            return VerificationCheck(.errorFormat, .warn, "no answer for a user that does not exist", requests: requests)
        }
        if (200..<300).contains(response.status) {
            return VerificationCheck(
                .errorFormat, .fail,
                "HTTP \(response.status) for a user ID that cannot exist: the "
                    + "endpoint returns something for any ID",
                fix: "It must answer 404 for an unknown ID (RFC 7644 §3.4.1); "
                    + "send this report to Veritone support.", requests: requests)
        }
        let body = JSONValue.parse(response.body)
        let isSCIMError = body?.schemas.contains(Self.errorSchema) == true
        guard response.status == 404 else {
            return VerificationCheck(
                .errorFormat, .warn,
                "HTTP \(response.status) for a user that does not exist, where "
                    + "404 is expected", fix: "RFC 7644 §3.4.1 answers an unknown ID with 404.", requests: requests)
        }
        guard isSCIMError else {
            return VerificationCheck(
                .errorFormat, .warn, "HTTP 404, but the body is not a SCIM Error",
                fix: "Errors should carry the \(Self.errorSchema) schema (RFC 7644 §3.12).", requests: requests)
        }
        guard body?["status"]?.string == "404" else {
            return VerificationCheck(
                .errorFormat, .warn, "HTTP 404 with a SCIM Error whose status is not the string \"404\"",
                fix: "RFC 7644 §3.12 makes status a string.", requests: requests)
        }
        return VerificationCheck(
            .errorFormat, .pass, "HTTP 404 with a SCIM Error for a user that does not exist",
            requests: requests)
    }

    // MARK: latency

    func latencyCheck(_ exchanges: [SCIMExchange]) -> VerificationCheck {
        let answered = exchanges.filter { $0.response != nil }
        guard let slowest = answered.max(by: { $0.duration < $1.duration }) else {
            return VerificationCheck(.latency, .skip, "skipped: no request got an answer")
        }
        let sorted = answered.map(\.duration).sorted()
        let median = sorted[sorted.count / 2]
        let slow = answered.filter { $0.duration > options.slowRequest }
        let summary =
            "\(answered.count) requests, median \(median.formatted), slowest \(slowest.duration.formatted) "
            + "(\(Self.shortPath(slowest.request.url)))"
        guard slow.isEmpty else {
            return VerificationCheck(
                .latency, .warn, summary + "; \(slow.count) over \(options.slowRequest.formatted)",
                fix: "Slow answers lengthen every provisioning cycle and risk Entra's timeouts; "
                    + "check the network path, or report the delay to Veritone support.")
        }
        return VerificationCheck(.latency, .pass, summary)
    }

    // MARK: Helpers

    /// A transport failure in words, and what to do about it.
    static func describe(
        _ failure: TransportFailure, endpoint: SCIMEndpoint? = nil,
        timeout: Duration = .seconds(10)
    ) -> (diagnosis: String, fix: String?) {
        let host = endpoint?.host ?? "the host"
        let place = endpoint.map { "\($0.urlHost):\($0.port)" } ?? "the endpoint"
        switch failure {
        case .nameNotResolved(let name):
            return (
                "the host name \(name) does not resolve",
                "Check the host against the callback URI in the Admin "
                    + "Center, and that this machine's DNS resolves it."
            )
        case .connectionRefused:
            return ("\(place) refused the connection: nothing listens there", "Check the host and the port.")
        case .connectTimedOut:
            return (
                "no connection to \(place) within \(timeout.formatted)",
                "A firewall may drop the traffic: check that "
                    + "outbound HTTPS to \(host) is allowed from here."
            )
        case .certificateRejected(.wrongHost(let names)):
            return (
                "the certificate is for \(names.isEmpty ? "other names" : Self.list(names, quoted: false)), not \(host)",
                "Use a host name the certificate names, or install a certificate for \(host)."
            )
        case .certificateRejected(.expired(let date)):
            return (
                "the certificate expired on \(PublicationDate(secondsSince1970: Int64(date.timeIntervalSince1970)))",
                "Renew the server's certificate."
            )
        case .certificateRejected(.notYetValid(let date)):
            return (
                "the certificate is not valid until \(PublicationDate(secondsSince1970: Int64(date.timeIntervalSince1970)))",
                "Check this machine's clock, or the certificate's dates."
            )
        case .certificateRejected(.untrusted(let issuer)):
            return (
                "the certificate\(issuer.map { ", issued by \($0.visibleForMessage(limit: 120))," } ?? "") is not trusted here",
                "Entra needs a publicly trusted certificate. If a proxy inspects TLS on this network, run the check "
                    + "from elsewhere; for a private test CA, pass --cacert."
            )
        case .certificateRejected(.unknown(let detail)):
            return ("the certificate was rejected: \(detail)", "Entra needs a valid, publicly trusted certificate.")
        case .tlsFailed(let detail):
            return ("the TLS handshake failed: \(detail)", "Entra needs TLS 1.2 or later and a publicly trusted certificate.")
        case .timedOut:
            return (
                "no complete answer within \(timeout.formatted)",
                "The endpoint hangs or is too slow; Entra gives up "
                    + "too. Try again later, or send this report to Veritone support."
            )
        case .connectionClosed:
            return (
                "the server closed the connection before the answer was complete",
                "Try again; if it persists, the "
                    + "server or a proxy in between is failing."
            )
        case .other(let detail):
            return (detail, nil)
        }
    }

    private func scimType(of response: SCIMResponse) -> String? {
        JSONValue.parse(response.body)?["scimType"]?.string
    }

    private func errorDetail(of response: SCIMResponse) -> String {
        guard let detail = JSONValue.parse(response.body)?["detail"]?.string else { return "" }
        return " (\(detail.quotedForMessage(limit: 120)))"
    }

    private static func preview(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(60), as: UTF8.self).trimmingPasteWhitespace()
        return text.isEmpty ? " (empty)" : " (starts \(text.quotedForMessage(limit: 60)))"
    }

    /// Names a server sent, each made safe for a terminal (and quoted, unless they are host
    /// names), and no more than a line's worth.
    private static func list(_ names: [String], quoted: Bool = true, limit: Int = 6) -> String {
        let shown = names.prefix(limit).map { quoted ? $0.quotedForMessage(limit: 60) : $0.visibleForMessage(limit: 60) }
            .joined(separator: ", ")
        return names.count > limit ? shown + " and \(names.count - limit) more" : shown
    }

    private static func shortPath(_ url: String) -> String {
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        return "GET …/" + (path.split(separator: "/").last.map(String.init) ?? path)
    }
}

extension SCIMResponse {
    /// Whether the body is an HTML page, by its content type or its first character.
    var looksLikeHTML: Bool {
        if header("Content-Type")?.lowercased().contains("text/html") == true { return true }
        return body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "<")
    }
}

extension Duration {
    /// The duration in milliseconds.
    var milliseconds: Double {
        Double(components.seconds) * 1_000 + Double(components.attoseconds) / 1e15
    }

    /// Milliseconds under a second (`48 ms`), seconds with at most one decimal above (`1.2 s`, `10 s`).
    var formatted: String { Self.format(milliseconds: milliseconds) }

    /// Formats a number of milliseconds as ``formatted`` does.
    static func format(milliseconds: Double) -> String {
        if milliseconds < 1_000 { return "\(Int(milliseconds.rounded())) ms" }
        let tenths = (milliseconds / 100).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? "\(Int(tenths / 10)) s" : "\(tenths / 10) s"
    }
}
