import Foundation
import NIOSSL
import RunbookKit
import SwiftASN1
import X509

extension CertificateSummary {
    /// A summary read from the DER directly, for a certificate swift-certificates refuses to
    /// parse: it will not load an RSA key under 2,048 bits, which is exactly what the transport
    /// check must report. Subject, issuer and key come from the certificate; names are left out.
    init?(refusedCertificate certificate: NIOSSLCertificate) {
        guard let der = try? certificate.toDERBytes(),
            case .constructed(let root) = try? DER.parse(der).content,
            let tbs = root.first(where: { _ in true }), case .constructed(let fields) = tbs.content
        else { return nil }
        // TBSCertificate: [0] version (optional), serial, signature, issuer, validity, subject, key.
        var nodes = Array(fields)
        if nodes.first?.identifier.tagClass == .contextSpecific { nodes.removeFirst() }
        guard nodes.count >= 6,
            let issuer = try? DistinguishedName(derEncoded: nodes[2]),
            let subject = try? DistinguishedName(derEncoded: nodes[4])
        else { return nil }
        self.init(
            subject: subject.description, issuer: issuer.description,
            notValidAfter: Date(timeIntervalSince1970: TimeInterval(certificate.notValidAfter)),
            notValidBefore: Date(timeIntervalSince1970: TimeInterval(certificate.notValidBefore)),
            key: Self.rsaKey(in: nodes[5]) ?? .other("unreadable"))
    }

    /// The key of a SubjectPublicKeyInfo if it is RSA: its modulus length.
    private static func rsaKey(in info: ASN1Node) -> PublicKey? {
        let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 1]
        guard case .constructed(let parts) = info.content, case let parts = Array(parts), parts.count == 2,
            case .constructed(let algorithm) = parts[0].content,
            let oid = algorithm.first(where: { _ in true }), (try? ASN1ObjectIdentifier(derEncoded: oid)) == rsaEncryption,
            case .primitive(let bits) = parts[1].content, bits.first == 0,
            case .constructed(let numbers) = try? DER.parse(Array(bits.dropFirst())).content,
            let modulus = numbers.first(where: { _ in true }), case .primitive(let bytes) = modulus.content
        else { return nil }
        let significant = bytes.drop { $0 == 0 }
        guard let first = significant.first else { return nil }
        return .rsa(bits: significant.count * 8 - first.leadingZeroBitCount)
    }
}
