import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import RunbookKit
import X509
import _CryptoExtras

extension HTTPClientTransport {
    /// Sorts an error as ``failure(for:)`` does, but says which failures are the proxy's: with a
    /// proxy, the connection that fails to open is the proxy's, and async-http-client's proxy
    /// errors are named.
    func proxyFailure(for error: any Error) -> TransportFailure {
        let failure = Self.failure(for: error)
        guard let proxy else { return failure }
        let shown = proxy.description
        switch (failure, error as? HTTPClientError) {
        case (.nameNotResolved, _):
            return .proxyUnreachable(proxy: shown, reason: "its host name \(proxy.host) does not resolve")
        case (.connectionRefused, _):
            return .proxyUnreachable(proxy: shown, reason: "it refused the connection: nothing listens there")
        case (.connectTimedOut, _), (_, .httpProxyHandshakeTimeout?):
            return .proxyUnreachable(proxy: shown, reason: "it did not answer in time")
        case (_, .proxyAuthenticationRequired?):
            return .proxyRefused(proxy: shown, status: 407, reason: "Proxy Authentication Required", realm: nil)
        case (_, .invalidProxyResponse?):
            return .proxyRefused(proxy: shown, status: nil, reason: nil, realm: nil)
        default:
            return failure
        }
    }

    /// Sorts an error from async-http-client, SwiftNIO or NIOSSL into what a diagnosis needs.
    static func failure(for error: any Error) -> TransportFailure {
        switch error {
        case let error as TransportFailure:
            return error
        case let error as HTTPClientError:
            switch error {
            case .connectTimeout: return .connectTimedOut
            case .deadlineExceeded, .readTimeout, .writeTimeout: return .timedOut
            case .remoteConnectionClosed, .bodyLengthMismatch: return .connectionClosed
            default: return .other("\(error)")
            }
        case let error as NIOConnectionError:
            if error.connectionErrors.isEmpty {
                return .nameNotResolved(host: error.host)
            }
            if error.connectionErrors.contains(where: { ($0.error as? IOError)?.errnoCode == ECONNREFUSED }) {
                return .connectionRefused
            }
            return .other("cannot connect to \(error.host):\(error.port)")
        case ChannelError.connectTimeout:
            return .connectTimedOut
        case ChannelError.eof, ChannelError.ioOnClosedChannel, ChannelError.outputClosed:
            return .connectionClosed
        case let error as IOError where error.errnoCode == ECONNREFUSED:
            return .connectionRefused
        case let error as IOError where error.errnoCode == ECONNRESET || error.errnoCode == EPIPE:
            return .connectionClosed
        case let error as NIOSSLExtraError where error == .failedToValidateHostname:
            return .certificateRejected(.wrongHost(names: []))
        case NIOSSLError.handshakeFailed(let boringSSLError):
            let text = "\(boringSSLError)"
            if text.contains("CERTIFICATE_VERIFY_FAILED") { return .certificateRejected(.unknown(text)) }
            if text.contains("UNSUPPORTED_PROTOCOL") || text.contains("PROTOCOL_VERSION") {
                return .tlsFailed("the server offers no TLS version from 1.2 up")
            }
            return .tlsFailed(text)
        case NIOSSLError.uncleanShutdown, HTTPParserError.invalidEOFState:
            return .connectionClosed
        case let error as HTTPParserError:
            return .other("the answer is not valid HTTP (\(error))")
        case let error as NIOSSLError:
            return .tlsFailed("\(error)")
        default:
            return .other("\(error)")
        }
    }
}

extension CertificateSummary {
    /// The subject, issuer and end of validity of a certificate NIOSSL received.
    init?(_ certificate: NIOSSLCertificate) {
        guard let der = try? certificate.toDERBytes(), let parsed = try? Certificate(derEncoded: der) else { return nil }
        self.init(
            subject: parsed.subject.description, issuer: parsed.issuer.description,
            notValidAfter: parsed.notValidAfter, notValidBefore: parsed.notValidBefore, names: Self.dnsNames(of: parsed),
            key: Self.key(of: parsed))
    }

    private static func key(of certificate: Certificate) -> PublicKey {
        let key = certificate.publicKey
        if let rsa = _RSA.Signing.PublicKey(key) { return .rsa(bits: rsa.keySizeInBits) }
        if P256.Signing.PublicKey(key) != nil { return .ecdsa(bits: 256) }
        if P384.Signing.PublicKey(key) != nil { return .ecdsa(bits: 384) }
        if P521.Signing.PublicKey(key) != nil { return .ecdsa(bits: 521) }
        return .other(Curve25519.Signing.PublicKey(key) != nil ? "Ed25519" : "unknown")
    }

    private static func dnsNames(of certificate: Certificate) -> [String] {
        guard let extensions = try? certificate.extensions.subjectAlternativeNames else { return [] }
        return extensions.compactMap { name in
            switch name {
            case .dnsName(let dns): dns.lowercased()
            case .ipAddress(let bytes): bytes.bytes.count == 4 ? bytes.bytes.map(String.init).joined(separator: ".") : nil
            default: nil
            }
        }
    }

    /// Why a certificate that failed verification failed, judged from the certificate itself.
    func problem(for host: String, at date: Date) -> CertificateProblem {
        if date > notValidAfter { return .expired(notValidAfter) }
        if let notValidBefore, date < notValidBefore { return .notYetValid(notValidBefore) }
        if !names.isEmpty, !names.contains(where: { Self.matches($0, host) }) { return .wrongHost(names: names) }
        return .untrusted(issuer: issuer)
    }

    /// RFC 6125 matching: exact, or a `*.` wildcard standing for exactly one left-most label.
    private static func matches(_ pattern: String, _ host: String) -> Bool {
        if pattern == host { return true }
        guard pattern.hasPrefix("*."), let dot = host.firstIndex(of: ".") else { return false }
        return host[dot...] == pattern.dropFirst()
    }
}
