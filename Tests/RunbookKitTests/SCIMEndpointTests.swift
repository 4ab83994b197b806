import Testing

@testable import RunbookKit
@testable import RunbookVerify

@Suite("The URL runbook verify checks")
struct SCIMEndpointTests {
    @Test(
        "is normalised: lower-case scheme and host, no default port, no trailing slash",
        arguments: [
            (" HTTPS://API.US-1.Veritone.com:443/v1/admin/scim/ABC/ ", "https://api.us-1.veritone.com/v1/admin/scim/ABC"),
            ("https://scim.example.net:8443/scim/v2", "https://scim.example.net:8443/scim/v2"),
            ("https://[2001:db8::1]/scim", "https://[2001:db8::1]/scim"),
        ])
    func normalised(input: String, url: String) throws {
        #expect(try SCIMEndpoint(input, allowHTTPLoopback: false).url == url)
    }

    @Test(
        "plain http goes only to loopback, and only when allowed",
        arguments: [
            ("http://127.0.0.1:8080/v2", true, true), ("http://localhost:8080/v2", true, true),
            ("http://[::1]:8080/v2", true, true),
            ("http://127.0.0.1:8080/v2", false, false), ("http://127.0.0.2:8080/v2", true, false),
            ("http://localhost.example.com/v2", true, false), ("http://10.0.0.1/v2", true, false),
        ])
    func plainHTTP(url: String, allowed: Bool, accepted: Bool) {
        let result = Result { () throws(RunbookError) in try SCIMEndpoint(url, allowHTTPLoopback: allowed) }
        switch result {
        case .success(let endpoint):
            #expect(accepted, "\(url) was accepted")
            #expect(endpoint.url.hasPrefix("http://"))
        case .failure(let error):
            #expect(!accepted, "\(url) was refused: \(error)")
            #expect(error.code == .insecureScheme)
        }
    }

    @Test(
        "refuses what would put the token at risk",
        arguments: [
            ("https://user:hunter2@api.us-1.veritone.com/x", RunbookError.Code.credentialsInURL),
            ("https://api.us-1.veritone.com/x?token=abc", .queryOrFragment),
            ("https://api.us-1.veritone.com/x#frag", .queryOrFragment),
            ("ftp://api.us-1.veritone.com/x", .insecureScheme),
            ("api.us-1.veritone.com/x", .notAURL),
            ("", .notAURL),
        ])
    func refused(url: String, code: RunbookError.Code) {
        let error = #expect(throws: RunbookError.self) { try SCIMEndpoint(url, allowHTTPLoopback: true) }
        #expect(error?.code == code)
        #expect(error?.message.contains("hunter2") == false)
    }

    @Test("builds resource URLs with an RFC 3986 percent-encoded query")
    func resourceURL() throws {
        let endpoint = try SCIMEndpoint("https://api.us-1.veritone.com/v1/admin/scim/t", allowHTTPLoopback: false)
        #expect(
            endpoint.url("/Users", query: [("filter", "userName eq \"a+b é\"")])
                == "https://api.us-1.veritone.com/v1/admin/scim/t/Users?filter=userName%20eq%20%22a%2Bb%20%C3%A9%22")
    }
}
