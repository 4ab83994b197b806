import Foundation
import Testing

/// scim2-server behind a TLS front on loopback, with a certificate authority made for the test.
@Suite("runbook verify over TLS", .serialized)
struct VerifyTLSTests {
    static let token = "tls-test-token-Vn4pQ7"

    /// Runs `runbook verify` against scim2-server behind a TLS front whose certificate names `names`.
    func verify(certificateNames names: [String], days: Int = 90, extra arguments: [String])
        async throws -> (RunbookProcess.Result, TestCertificateAuthority) {
        let authority = try TestCertificateAuthority()
        let server = try SCIM2Server(token: Self.token)
        defer { server.stop() }
        let front = try await TLSFront.start(context: authority.serverContext(names: names, days: days), backendPort: server.port)
        let arguments = ["verify", "https://localhost:\(front.port)/v2"]
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
        #expect(result.stdout.contains("issued by CN=runbook test CA, valid for localhost until"))
        #expect(result.stdout.contains("PASS  test connection  HTTP 200, an empty ListResponse: Entra's Test Connection will pass"))
    }

    @Test("warns about a certificate that expires within two weeks")
    func expiring() async throws {
        let (result, _) = try await verify(certificateNames: ["localhost"], days: 3, extra: ["--cacert", "CA"])
        #expect(result.status == 0)
        #expect(result.stdout.contains(", which is in 2 days  ("))
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
        #expect(transport["entra"] as? String == "“SystemForCrossDomainIdentityManagementCredentialValidationUnavailable”, "
            + "with the Details line “An error occurred while sending the request.” (observed)")
        #expect(report.check("test-connection")?["status"] as? String == "skip")
    }

    @Test("fails on a certificate for another host name")
    func wrongHost() async throws {
        let (result, _) = try await verify(certificateNames: ["scim.other.example"], extra: ["--cacert", "CA"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL  transport        the certificate is for scim.other.example, not localhost"))
    }
}
