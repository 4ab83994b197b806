import Foundation
import RunbookKit

// The diagnosis helpers the checks share: transport failures in words, and answers quoted.
extension SCIMVerifier {
    static let listResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
    static let errorSchema = "urn:ietf:params:scim:api:messages:2.0:Error"

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
        case .proxyUnreachable(let proxy, let reason):
            return (
                "cannot reach the proxy \(proxy): \(reason)",
                "Check the proxy's address in --proxy or https_proxy against the one your browser or curl uses, "
                    + "or pass --proxy '' if this machine reaches \(host) without one."
            )
        case .proxyRefused(let proxy, 407?, _, let realm):
            return (
                "the proxy \(proxy) asks for credentials (407\(realm.map { ", realm \"\($0)\"" } ?? ""))",
                "Give them in the proxy URL in https_proxy, http://user:password@host:port, as curl takes them "
                    + "(in --proxy, others could read them in the process list); verify sends them to the proxy only "
                    + "and never prints them."
            )
        case .proxyRefused(let proxy, let status?, let reason, _) where status >= 500:
            return (
                "the proxy \(proxy) could not reach \(place) (\(status)\(reason.map { " \($0)" } ?? ""))",
                "Check the Tenant URL's host and port; the proxy answers so when it cannot connect there itself."
            )
        case .proxyRefused(let proxy, let status, let reason, _):
            let answer = status.map { " with \($0)\(reason.map { " \($0)" } ?? "")" } ?? reason.map { ": \($0)" } ?? ""
            return (
                "the proxy \(proxy) refused to open a tunnel to \(place)\(answer)",
                "Ask your network team to allow CONNECT to \(place) through the proxy (a 401 from some proxies, "
                    + "such as tinyproxy, means wrong credentials); Entra itself connects from Microsoft's cloud, "
                    + "not through your proxy."
            )
        case .proxyClosed(let proxy):
            return (
                "the proxy \(proxy) closed the connection instead of opening a tunnel to \(place)",
                "The proxy may block \(host) or port \(endpoint?.port ?? 443); check its policy, or try with "
                    + "--proxy '' if this machine can reach \(host) directly."
            )
        case .other(let detail):
            return (detail, nil)
        }
    }

    func scimType(of response: SCIMResponse) -> String? {
        JSONValue.parse(response.body)?["scimType"]?.string
    }

    /// A SCIM error's `detail`, quoted after a space, or nothing.
    static func errorDetail(of response: SCIMResponse) -> String {
        guard let detail = JSONValue.parse(response.body)?["detail"]?.string else { return "" }
        return " (\(detail.quotedForMessage(limit: 120)))"
    }

    static func preview(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(60), as: UTF8.self).trimmingPasteWhitespace()
        return text.isEmpty ? " (empty)" : " (starts \(text.quotedForMessage(limit: 60)))"
    }

    /// Names a server sent, each made safe for a terminal (and quoted, unless they are host
    /// names), and no more than a line's worth.
    static func list(_ names: [String], quoted: Bool = true, limit: Int = 6) -> String {
        let shown = names.prefix(limit).map { quoted ? $0.quotedForMessage(limit: 60) : $0.visibleForMessage(limit: 60) }
            .joined(separator: ", ")
        return names.count > limit ? shown + " and \(names.count - limit) more" : shown
    }

    static func shortPath(_ url: String) -> String {
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        return "GET …/" + (path.split(separator: "/").last.map(String.init) ?? path)
    }
}
