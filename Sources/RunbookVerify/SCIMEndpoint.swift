import Foundation
import RunbookKit

/// The SCIM base URL that `runbook verify` checks: the Tenant URL as it would be pasted into
/// Entra, parsed and refused outright when sending a token to it would be unsafe.
public struct SCIMEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// `https` or, for loopback with `--allow-http-loopback`, `http`.
    public let scheme: String
    /// The host, lower-case; an IPv6 address without brackets.
    public let host: String
    /// The port requests go to.
    public let port: Int
    /// The path without a trailing slash, such as `/v1/admin/scim/16f9…`.
    public let path: String

    /// Parses the URL to verify.
    ///
    /// - Throws: an input error for anything that would put the token at risk before a byte is
    ///   sent: not a URL, plain `http` (except to loopback when `allowHTTPLoopback`), a user
    ///   name or password, a query or a fragment.
    public init(_ text: String, allowHTTPLoopback: Bool) throws(RunbookError) {
        let trimmed = String(text.trimmingPasteWhitespace())
        guard trimmed.contains("://"), let components = URLComponents(string: trimmed),
            let scheme = components.scheme?.lowercased(),
            let host = components.host?.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]")), !host.isEmpty
        else {
            throw RunbookError(
                .notAURL,
                "\(trimmed.quotedForMessage()) is not a URL. Give the Tenant URL, such as "
                    + "https://api.us-1.veritone.com/v1/admin/scim/\(TenantID.example).")
        }
        guard components.user == nil, components.password == nil else {
            throw RunbookError(
                .credentialsInURL,
                "the URL carries a user name or password before the host. Remove it: "
                    + "the token is read from --token-file, --token-stdin or \(SCIMToken.environmentVariable), never the URL.")
        }
        let flagged = components.percentEncodedQuery == Self.scimComplianceFlag
        guard components.query == nil || flagged, components.fragment == nil else {
            throw RunbookError(
                .queryOrFragment,
                "the URL has a query or a fragment, which a Tenant URL never has, "
                    + "except Entra's flag ?\(Self.scimComplianceFlag). Remove everything from ‘?’ or ‘#’ on.")
        }
        let loopback = ["127.0.0.1", "::1", "localhost"].contains(host)
        switch scheme {
        case "https":
            break
        case "http" where loopback && allowHTTPLoopback:
            break
        case "http" where loopback:
            throw RunbookError(
                .insecureScheme,
                "the URL uses plain http://, which would send the token unencrypted. "
                    + "Entra only accepts https://; for a test server on this machine, add --allow-http-loopback.")
        default:
            throw RunbookError(
                .insecureScheme,
                "the URL uses \(scheme)://, and runbook sends a token only over https:// "
                    + "(plain http only to 127.0.0.1, ::1 or localhost, with --allow-http-loopback). Entra only accepts "
                    + "https:// Tenant URLs.")
        }
        self.scheme = scheme
        self.host = host.hasSuffix(".") ? String(host.dropLast()) : host
        port = components.port ?? (scheme == "https" ? 443 : 80)
        var path = components.percentEncodedPath
        if path.hasSuffix("/") { path.removeLast() }
        self.path = path
        hasSCIMComplianceFlag = flagged
    }

    /// Entra's flag, ``TenantURL/scimComplianceFlag``.
    public static let scimComplianceFlag = TenantURL.scimComplianceFlag

    /// Whether the Tenant URL ends in `?aadOptscim062020`. The flag tells Entra how to write its
    /// PATCH requests; `runbook verify` sends its requests without it.
    public let hasSCIMComplianceFlag: Bool

    /// Whether requests go over TLS.
    public var usesTLS: Bool { scheme == "https" }

    /// The host as written in a URL: IPv6 addresses in brackets.
    var urlHost: String { host.contains(":") ? "[\(host)]" : host }

    /// The Tenant URL, normalised: lower-case scheme and host, default port left out, no trailing
    /// slash, and the flag if it was given.
    public var url: String {
        baseURL + (hasSCIMComplianceFlag ? "?" + Self.scimComplianceFlag : "")
    }

    /// The base that requests' paths go under: ``url`` without the flag.
    var baseURL: String {
        let defaultPort = usesTLS ? 443 : 80
        return "\(scheme)://\(urlHost)\(port == defaultPort ? "" : ":\(port)")\(path)"
    }

    public var description: String { url }

    /// The URL of a resource under the endpoint, with a percent-encoded query.
    func url(_ resource: String, query: [(String, String)] = []) -> String {
        let encoded = query.map { "\($0.0)=\(Self.percentEncoded($0.1))" }.joined(separator: "&")
        return baseURL + resource + (encoded.isEmpty ? "" : "?" + encoded)
    }

    /// `value` with everything but RFC 3986's unreserved characters percent-encoded: a query
    /// value, or one path segment that cannot point anywhere else.
    static func percentEncoded(_ value: String) -> String {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }
}
