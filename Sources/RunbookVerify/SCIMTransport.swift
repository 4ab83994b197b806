import Foundation
import RunbookKit

/// How `runbook verify` reaches a SCIM endpoint. ``HTTPClientTransport`` does it over the
/// network; tests of the diagnosis logic pass a fake that needs no sockets.
public protocol SCIMTransport: Sendable {
    /// Resolves the host, connects and, for `https`, completes a TLS handshake (TLS 1.2 or later,
    /// certificate verified for the host), without sending an HTTP request.
    func connect(to endpoint: SCIMEndpoint, timeout: Duration) async -> ConnectionOutcome

    /// Sends one request without following redirects and reads the body up to `bodyLimit` bytes.
    /// The whole exchange, body included, ends within `timeout`.
    func send(_ request: SCIMRequest, timeout: Duration, bodyLimit: Int) async -> SCIMExchange
}

/// One request that `runbook verify` sends: a read-only `GET`, or one of the rehearsal's writes.
public struct SCIMRequest: Sendable, Equatable {
    /// The HTTP methods a SCIM client uses.
    public enum Method: String, Sendable, Encodable {
        case get = "GET"
        case post = "POST"
        case patch = "PATCH"
        case delete = "DELETE"
    }

    /// The method; `GET` unless the rehearsal writes.
    public var method: Method
    /// The full URL, query included. It never holds a secret.
    public var url: String
    /// The token to present as `Authorization: Bearer …`, or `nil` to send none.
    public var token: SCIMToken?
    /// A `User-Agent` header, or `nil` to send none, as Entra does.
    public var userAgent: String?
    /// A JSON body, sent as `application/scim+json`, or `nil` for none.
    public var body: [UInt8]?

    public init(_ method: Method = .get, url: String, token: SCIMToken?, userAgent: String? = nil, body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.token = token
        self.userAgent = userAgent
        self.body = body
    }

    /// The headers to send, in order: `Accept`, `Content-Type` with a body, then `Authorization`
    /// and `User-Agent` if any.
    public var headers: [(name: String, value: String)] {
        var headers = [(name: "Accept", value: "application/scim+json")]
        if body != nil { headers.append((name: "Content-Type", value: "application/scim+json; charset=utf-8")) }
        if let token { headers.append((name: "Authorization", value: token.authorization)) }
        if let userAgent { headers.append((name: "User-Agent", value: userAgent)) }
        return headers
    }

    public static func == (lhs: SCIMRequest, rhs: SCIMRequest) -> Bool {
        lhs.method == rhs.method && lhs.url == rhs.url && lhs.token == rhs.token && lhs.userAgent == rhs.userAgent
            && lhs.body == rhs.body
    }
}

/// What came back for a request that got an answer.
public struct SCIMResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// Header fields in order; names as sent.
    public var headers: [(name: String, value: String)]
    /// The body, at most the transport's limit.
    public var body: [UInt8]
    /// Whether the body went on past the limit and was cut there.
    public var isTruncated: Bool

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = [], isTruncated: Bool = false) {
        self.status = status
        self.headers = headers
        self.body = body
        self.isTruncated = isTruncated
    }

    /// The first value of a header, compared without regard to case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// Why a request or connection got no usable answer.
public enum TransportFailure: Error, Sendable, Equatable {
    /// The host name did not resolve.
    case nameNotResolved(host: String)
    /// The host refused the connection: nothing listens on the port.
    case connectionRefused
    /// The connection was not established in time.
    case connectTimedOut
    /// The server's certificate failed verification; the detail says why.
    case certificateRejected(CertificateProblem)
    /// The TLS handshake failed for another reason, such as no common protocol version.
    case tlsFailed(String)
    /// The whole exchange took longer than the timeout.
    case timedOut
    /// The server closed the connection before the answer was complete.
    case connectionClosed
    /// The proxy could not be reached (`reason`: refused, not resolved, no answer in time).
    case proxyUnreachable(proxy: String, reason: String)
    /// The proxy answered CONNECT with `status` (unknown when async-http-client hides it), and
    /// the realm of its `Proxy-Authenticate` challenge, if any.
    case proxyRefused(proxy: String, status: Int?, reason: String?, realm: String?)
    /// The proxy closed the connection instead of opening a tunnel.
    case proxyClosed(proxy: String)
    /// Anything else, described.
    case other(String)
}

extension TransportFailure {
    /// The proxy this failure is about, for the failures of the proxy itself.
    public var proxy: String? {
        switch self {
        case .proxyUnreachable(let proxy, _), .proxyRefused(let proxy, _, _, _), .proxyClosed(let proxy): proxy
        default: nil
        }
    }
}

/// Why a certificate was not accepted, as far as a second look at it can tell.
public enum CertificateProblem: Sendable, Equatable {
    /// The certificate does not name the host.
    case wrongHost(names: [String])
    /// The certificate's validity ended.
    case expired(Date)
    /// The certificate is not valid yet.
    case notYetValid(Date)
    /// The chain does not end in a trusted root: self-signed, a private CA, or TLS inspection.
    case untrusted(issuer: String?)
    /// Verification failed and the certificate could not be read to say why.
    case unknown(String)
}

/// A request and what became of it.
public struct SCIMExchange: Sendable {
    /// The request as sent.
    public var request: SCIMRequest
    /// The answer, or why there was none.
    public var result: Result<SCIMResponse, TransportFailure>
    /// From sending the request to the end of the body, or to the failure.
    public var duration: Duration

    public init(request: SCIMRequest, result: Result<SCIMResponse, TransportFailure>, duration: Duration) {
        self.request = request
        self.result = result
        self.duration = duration
    }

    /// The response, if the request got one.
    public var response: SCIMResponse? { try? result.get() }
}

/// What the transport check learned about the connection.
public struct ConnectionDetails: Sendable, Equatable {
    /// The address connected to, such as `203.0.113.7:443`.
    public var address: String
    /// The negotiated TLS version (`TLS 1.3`), or `nil` for plain HTTP.
    public var tlsVersion: String?
    /// The server's certificate, for `https`.
    public var certificate: CertificateSummary?
    /// Whether the server speaks TLS 1.2, the only version Entra uses, with a cipher suite of
    /// Learn's list; `nil` when not tried.
    public var tls12: TLS12Support?

    public init(address: String, tlsVersion: String? = nil, certificate: CertificateSummary? = nil, tls12: TLS12Support? = nil) {
        self.address = address
        self.tlsVersion = tlsVersion
        self.certificate = certificate
        self.tls12 = tls12
    }
}

/// What a server offers of what Entra demands of TLS (Learn's SCIM tutorial, "Security
/// requirements"): TLS 1.2 only, with one of eight ECDHE cipher suites. runbook's TLS library
/// offers the list's four GCM suites, not its four CBC ones.
public enum TLS12Support: Sendable, Equatable {
    /// A TLS 1.2 handshake offering only Learn's GCM suites succeeds.
    case learnSuites
    /// TLS 1.2 works, but not with Learn's GCM suites.
    case otherSuites
    /// No TLS 1.2 handshake succeeds: the server speaks only other versions.
    case unsupported
}

/// The facts of a server certificate a diagnosis needs.
public struct CertificateSummary: Sendable, Equatable {
    /// The subject, such as `CN=api.us-1.veritone.com`.
    public var subject: String
    /// The issuer, such as `CN=Amazon RSA 2048 M02,O=Amazon,C=US`.
    public var issuer: String
    /// The end of the validity period.
    public var notValidAfter: Date
    /// The start of the validity period, when known.
    public var notValidBefore: Date?
    /// The DNS names and IP addresses the certificate is for, lower-case.
    public var names: [String]
    /// The certificate's key, when it could be read.
    public var key: PublicKey?

    /// A certificate's key, as far as Entra's key-length rules go.
    public enum PublicKey: Sendable, Equatable, CustomStringConvertible {
        /// RSA, with its modulus length.
        case rsa(bits: Int)
        /// ECDSA, with the curve's size: 256, 384 or 521.
        case ecdsa(bits: Int)
        /// Any other kind, named.
        case other(String)

        /// `RSA 2048-bit key`, `ECDSA P-256 key`.
        public var description: String {
            switch self {
            case .rsa(let bits): "RSA \(bits)-bit key"
            case .ecdsa(let bits): "ECDSA P-\(bits) key"
            case .other(let name): "\(name) key"
            }
        }

        /// Learn's minimum for the kind: RSA 2,048 bits, ECC 256 bits.
        public var meetsEntraMinimum: Bool {
            switch self {
            case .rsa(let bits): bits >= 2_048
            case .ecdsa(let bits): bits >= 256
            case .other: true
            }
        }
    }

    public init(
        subject: String, issuer: String, notValidAfter: Date, notValidBefore: Date? = nil, names: [String] = [],
        key: PublicKey? = nil
    ) {
        self.subject = subject
        self.issuer = issuer
        self.notValidAfter = notValidAfter
        self.notValidBefore = notValidBefore
        self.names = names
        self.key = key
    }
}

/// The transport check's result.
public struct ConnectionOutcome: Sendable {
    /// The connection's details, or why it failed.
    public var result: Result<ConnectionDetails, TransportFailure>
    /// Resolution, connection and handshake together.
    public var duration: Duration

    public init(result: Result<ConnectionDetails, TransportFailure>, duration: Duration) {
        self.result = result
        self.duration = duration
    }
}
