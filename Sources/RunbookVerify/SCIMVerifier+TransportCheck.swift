import Foundation
import RunbookKit

// The transport check: DNS, TCP, TLS, the certificate, and what Entra demands of TLS.
extension SCIMVerifier {
    func transportCheck(_ endpoint: SCIMEndpoint, _ outcome: ConnectionOutcome) -> VerificationCheck {
        let check = { (status: VerificationCheck.Status, diagnosis: String, fix: String?, entra: [EntraMessage]) in
            VerificationCheck(
                .transport, status, diagnosis, fix: fix, entra: entra,
                milliseconds: outcome.duration.milliseconds)
        }
        let details: ConnectionDetails
        switch outcome.result {
        case .failure(let failure):
            var (diagnosis, fix) = Self.describe(failure, endpoint: endpoint, timeout: options.timeout)
            if let proxy = options.proxy, failure.proxy == nil {
                diagnosis += " (through the proxy \(proxy), from \(proxy.source))"
            }
            if case .certificateRejected = failure, options.proxy != nil {
                diagnosis +=
                    "; a proxy that inspects TLS shows a certificate of its own, from another issuer, and Entra "
                    + "connects from Microsoft's cloud, not through your proxy"
                fix =
                    "Check the certificate Entra sees from a machine outside this proxy (or here with --proxy '' "
                    + "if the network allows), with openssl s_client -connect \(endpoint.urlHost):\(endpoint.port)."
            }
            switch failure {
            case .proxyRefused(_, let status?, _, _) where status >= 500:
                return check(.fail, diagnosis, fix, messages.noAnswer)
            case _ where failure.proxy != nil, .certificateRejected where options.proxy != nil:
                // Between this machine and its proxy, which Entra does not go through, or a certificate
                // the proxy may have made: what Entra shows cannot be told from here.
                return check(.fail, diagnosis, fix, [])
            default:
                return check(.fail, diagnosis, fix, messages.noAnswer)
            }
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
}
