import Foundation
import NIOSSL
import RunbookTestSupport
import Testing

/// scim2-server behind a TLS front on loopback, with a certificate authority made for the test.
@Suite("runbook verify over TLS", .temporaryFolders, .serialized)
struct VerifyTLSTests {
    static let token = "tls-test-token-Vn4pQ7"

    /// Runs `runbook verify` against scim2-server behind a TLS front whose certificate names `names`.
    func verify(
        certificateNames names: [String], days: Int = 90, extra arguments: [String],
        context: ((TestCertificateAuthority) throws -> NIOSSLContext)? = nil
    )
        async throws -> (RunbookProcess.Result, TestCertificateAuthority)
    {
        let authority = try TestCertificateAuthority()
        let server = try SCIM2Server(token: Self.token)
        defer { server.stop() }
        let front = try await TLSFront.start(
            context: context?(authority) ?? authority.serverContext(names: names, days: days),
            backendPort: server.port)
        let arguments =
            ["verify", "https://localhost:\(front.port)/v2"]
            + arguments.map { $0 == "CA" ? authority.caPEM.path : $0 }
        let result = try RunbookProcess.run(arguments, environment: ["AIWARE_SCIM_TOKEN": Self.token])
        await front.stop()
        return (result, authority)
    }

    @Test("passes with the test CA given by --cacert")
    func trusted() async throws {
        let (result, _) = try await verify(certificateNames: ["localhost", "127.0.0.1"], extra: ["--cacert", "CA"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("PASS  transport        TLS 1."))
        #expect(
            result.stdout.contains(
                "certificate CN=localhost with an ECDSA P-256 key, issued by CN=runbook test CA, valid for localhost until"))
        #expect(result.stdout.contains("; TLS 1.2, the only version Entra uses, works with a cipher suite of Learn's list  ("))
        #expect(
            result.stdout.contains("PASS  test connection  HTTP 200, an empty ListResponse: Entra's Test Connection will pass"))
    }

    @Test("warns about a certificate that expires within two weeks")
    func expiring() async throws {
        let (result, _) = try await verify(certificateNames: ["localhost"], days: 3, extra: ["--cacert", "CA"])
        #expect(result.status == 0)
        #expect(result.stdout.contains(", which is in 2 days; "))
        #expect(result.stdout.contains("Fix: Renew the certificate soon"))
    }

    @Test("fails the transport check with a certificate diagnosis without --cacert, and sends no request")
    func untrusted() async throws {
        let (result, _) = try await verify(certificateNames: ["localhost", "127.0.0.1"], extra: ["--json"])
        #expect(result.status == 1)
        let report = try JSONReport(result.stdout)
        let transport = try #require(report.check("transport"))
        #expect(transport["status"] as? String == "fail")
        #expect(transport["diagnosis"] as? String == "the certificate, issued by CN=runbook test CA, is not trusted here")
        #expect((transport["fix"] as? String)?.contains("for a private test CA, pass --cacert") == true)
        #expect(
            transport["entra"] as? String == "“SystemForCrossDomainIdentityManagementCredentialValidationUnavailable”, "
                + "with the Details line “An error occurred while sending the request.” (observed)")
        #expect(report.check("test-connection")?["status"] as? String == "skip")
    }

    @Test("fails on a certificate for another host name")
    func wrongHost() async throws {
        let (result, _) = try await verify(certificateNames: ["scim.other.example"], extra: ["--cacert", "CA"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL  transport        the certificate is for scim.other.example, not localhost"))
    }

    // What Entra demands of TLS beyond curl (Learn's SCIM tutorial, "Security requirements").

    @Test("reports the certificate's key, and fails an RSA key under 2,048 bits", arguments: [(2_048, "pass"), (1_024, "fail")])
    func rsaKey(bits: Int, status: String) async throws {
        let (result, _) = try await verify(certificateNames: ["localhost"], extra: ["--cacert", "CA", "--json"]) {
            try $0.serverContext(names: ["localhost"], rsaBits: bits)
        }
        let transport = try #require(try JSONReport(result.stdout).check("transport"))
        #expect(transport["status"] as? String == status)
        let diagnosis = try #require(transport["diagnosis"] as? String)
        #expect(diagnosis.contains("certificate CN=localhost with an RSA \(bits)-bit key"), "\(diagnosis)")
        #expect(diagnosis.contains("Entra requires RSA keys of at least 2,048 bits") == (bits < 2_048), "\(diagnosis)")
    }

    @Test("fails a server that speaks no TLS 1.2, the only version Entra uses")
    func tls13Only() async throws {
        let (result, _) = try await verify(certificateNames: ["localhost"], extra: ["--cacert", "CA"]) {
            try $0.serverContext(names: ["localhost"], minimumTLSVersion: .tlsv13)
        }
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL  transport        TLS 1.3 to 127.0.0.1:"))
        #expect(result.stdout.contains("; no TLS 1.2 handshake succeeds, and TLS 1.2 is the only version Entra uses"))
        #expect(result.stdout.contains("Fix: Enable TLS 1.2 on the server"))
        // Test Connection still runs: curl would pass, Entra would not.
        #expect(result.stdout.contains("PASS  test connection"))
    }

    @Test("warns when TLS 1.2 works only with cipher suites outside Learn's list")
    func otherCipherSuites() async throws {
        let (result, _) = try await verify(certificateNames: ["localhost"], extra: ["--cacert", "CA"]) {
            try $0.serverContext(
                names: ["localhost"], maximumTLSVersion: .tlsv12,
                cipherSuites: [.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, .TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256])
        }
        #expect(result.status == 0)
        #expect(result.stdout.contains("WARN  transport        TLS 1.2 to 127.0.0.1:"))
        #expect(result.stdout.contains("; TLS 1.2 works, but not with the GCM cipher suites of Learn's list"))
    }
}
