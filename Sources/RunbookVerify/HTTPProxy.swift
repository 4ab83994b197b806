import Foundation
import RunbookKit

/// The HTTP proxy `verify` goes through, chosen as curl chooses it: `--proxy`, else the
/// environment's `https_proxy`, `HTTPS_PROXY`, `all_proxy` or `ALL_PROXY`, unless `no_proxy`
/// exempts the host.
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
        if let encodedUser = components.percentEncodedUser {
            guard let user = encodedUser.removingPercentEncoding,
                let password = (components.percentEncodedPassword ?? "").removingPercentEncoding
            else { throw invalid("credentials with a % that is not followed by two hexadecimal digits") }
            basicCredentials = Data("\(user):\(password)".utf8).base64EncodedString()
        } else {
            basicCredentials = nil
        }
    }

    /// The proxy for a connection to `endpoint`: `option` (`--proxy`) when given, where `""`
    /// means none; else the environment's, as curl reads it (an empty variable counts as unset);
    /// then `no_proxy` may exempt the host.
    ///
    /// A plain-HTTP target (a test server on loopback) never goes through a proxy, unlike with
    /// curl: the token would cross the proxy in clear, and the proxy's loopback is not this
    /// machine's.
    ///
    /// - Throws: `.invalidProxy` when the proxy chosen is not a proxy URL, or `--proxy` names one
    ///   for a plain-HTTP target.
    public static func forConnection(
        to endpoint: SCIMEndpoint, option: String?, environment: [String: String]
    ) throws(RunbookError) -> HTTPProxy? {
        func variable(_ names: [String]) -> (value: String, source: String)? {
            names.lazy.compactMap { name in environment[name].flatMap { $0.isEmpty ? nil : ($0, name) } }.first
        }
        let chosen = option.map { ($0, "--proxy") } ?? variable(["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"])
        guard let chosen, !chosen.0.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard endpoint.usesTLS else {
            guard option == nil else {
                throw RunbookError(
                    .invalidProxy,
                    "--proxy is for https:// Tenant URLs: to a plain-HTTP test server the token would cross the proxy "
                        + "in clear. Leave out --proxy; verify reaches a loopback test server directly.")
            }
            return nil
        }
        if NoProxyList(variable(["no_proxy", "NO_PROXY"])?.value ?? "").exempts(endpoint.host) { return nil }
        return try HTTPProxy(chosen.0, source: chosen.1)
    }
}
