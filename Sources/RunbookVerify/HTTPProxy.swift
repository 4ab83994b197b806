import Foundation
import RunbookKit

/// The HTTP proxy `verify` goes through, chosen as curl chooses it: `--proxy`, else the
/// environment's `https_proxy` (`http_proxy` for a plain-HTTP loopback target), unless
/// `no_proxy` exempts the host.
///
/// Every connection goes through the proxy as a CONNECT tunnel, so TLS is end to end: the
/// proxy sees the host and port, and never a path, a header or the token.
public struct HTTPProxy: Sendable, Equatable, CustomStringConvertible {
    /// The proxy's host name or address.
    public let host: String
    /// The proxy's port; curl's default, 1080, when the URL names none.
    public let port: Int
    /// The URL's `user:password`, base64-encoded for `Proxy-Authorization: Basic`, sent to the
    /// proxy only.
    let basicCredentials: String?
    /// Where the proxy came from: `--proxy` or the variable's name, for the diagnosis.
    public let source: String

    /// The proxy as shown in a diagnosis: `http://proxy.example:3128`, without credentials.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "http://\(shownHost):\(port)"
    }

    /// Reads a proxy URL as curl does: `http://` or no scheme, optional `user:password@`
    /// (percent-encoded), a host, an optional port.
    ///
    /// - Throws: `.invalidProxy` for another scheme, a path, or a host or port that cannot be one.
    public init(_ text: String, source: String) throws(RunbookError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed
        func invalid(_ problem: String) -> RunbookError {
            RunbookError(
                .invalidProxy,
                "the proxy \(source) gives \(problem). Give it as http://host:port, such as "
                    + "http://proxy.example:3128, with user:password@ before the host if the proxy asks for them; "
                    + "or --proxy '' for none.")
        }
        guard let components = URLComponents(string: withScheme), let scheme = components.scheme?.lowercased() else {
            throw invalid("is not a URL")
        }
        guard scheme == "http" else {
            throw invalid(
                "a \(scheme):// proxy, which verify cannot use (only http:// proxies, which tunnel "
                    + "HTTPS with CONNECT, as most corporate proxies do)")
        }
        guard let host = components.host?.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), !host.isEmpty
        else { throw invalid("no host") }
        guard components.path.isEmpty || components.path == "/", components.query == nil, components.fragment == nil
        else { throw invalid("a path, which a proxy URL does not have") }
        let port = components.port ?? 1080
        guard (1...65_535).contains(port) else { throw invalid("the port \(port)") }
        self.host = host.lowercased()
        self.port = port
        self.source = source
        if let user = components.user?.removingPercentEncoding {
            let password = components.password?.removingPercentEncoding ?? ""
            basicCredentials = Data("\(user):\(password)".utf8).base64EncodedString()
        } else {
            basicCredentials = nil
        }
    }

    /// The proxy for a connection to `endpoint`: `option` (`--proxy`) when given, where `""`
    /// means none; else the environment's, as curl reads it; then `no_proxy` may exempt the host.
    ///
    /// - Throws: `.invalidProxy` when the proxy chosen is not a proxy URL.
    public static func forConnection(
        to endpoint: SCIMEndpoint, option: String?, environment: [String: String]
    ) throws(RunbookError) -> HTTPProxy? {
        // curl: lower case first; http_proxy has no upper-case form, which a CGI request could set.
        let names = endpoint.usesTLS ? ["https_proxy", "HTTPS_PROXY"] : ["http_proxy"]
        let chosen: (value: String, source: String)?
        if let option {
            chosen = (option, "--proxy")
        } else {
            chosen =
                (names + ["all_proxy", "ALL_PROXY"]).lazy
                .compactMap { name in environment[name].map { ($0, name) } }.first
        }
        guard let chosen, !chosen.value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        let exemptions = environment["no_proxy"] ?? environment["NO_PROXY"] ?? ""
        if NoProxyList(exemptions).exempts(endpoint.host) { return nil }
        return try HTTPProxy(chosen.value, source: chosen.source)
    }
}
