import Foundation
import RunbookKit
import Testing

@testable import RunbookVerify

/// Which proxy `verify` goes through, chosen as curl chooses it, and how a proxy URL is read.
@Suite("The proxy verify goes through")
struct HTTPProxyTests {
    static let tenant = "https://api.us-1.veritone.com/v1/admin/scim/16f982b7-17fa-4c6c-a17b-9e7e018d42c0"

    static func proxy(
        for url: String = tenant, option: String? = nil, _ environment: [String: String]
    ) throws -> HTTPProxy? {
        try HTTPProxy.forConnection(
            to: SCIMEndpoint(url, allowHTTPLoopback: true), option: option, environment: environment)
    }

    @Test("reads a proxy URL as curl does: no scheme is http, no port is 1080, credentials percent-decoded and never shown")
    func reading() throws {
        let plain = try HTTPProxy("proxy.example:3128", source: "https_proxy")
        #expect(plain.description == "http://proxy.example:3128" && plain.basicCredentials == nil)
        #expect(try HTTPProxy("http://Proxy.Example", source: "--proxy").description == "http://proxy.example:1080")
        #expect(try HTTPProxy("http://[::1]:8080/", source: "--proxy").description == "http://[::1]:8080")
        let withCredentials = try HTTPProxy("http://alice:p%40ss%3Aword@proxy.example:3128", source: "HTTPS_PROXY")
        #expect(withCredentials.description == "http://proxy.example:3128")
        #expect(withCredentials.basicCredentials == Data("alice:p@ss:word".utf8).base64EncodedString())
    }

    @Test(
        "refuses what verify cannot use as a proxy, naming where it came from",
        arguments: ["socks5://proxy:1080", "https://proxy:3128", "http://proxy:3128/path", "http://:3128", "http://proxy:0"])
    func refusing(url: String) {
        do {
            _ = try HTTPProxy(url, source: "https_proxy")
            Issue.record("\(url) was accepted")
        } catch {
            #expect(error.code == .invalidProxy)
            #expect(error.message.hasPrefix("the proxy https_proxy gives "))
            #expect(error.message.contains("http://host:port") || error.message.contains("http://proxy.example:3128"))
        }
    }

    @Test("the environment's proxy, in curl's order: lower case first, then all_proxy; an empty variable is unset")
    func environment() throws {
        #expect(try Self.proxy(["HTTPS_PROXY": "b:2", "https_proxy": "a:1"])?.source == "https_proxy")
        #expect(try Self.proxy(["HTTPS_PROXY": "b:2", "all_proxy": "c:3"])?.source == "HTTPS_PROXY")
        #expect(try Self.proxy(["ALL_PROXY": "c:3"])?.source == "ALL_PROXY")
        #expect(try Self.proxy(["https_proxy": "", "HTTPS_PROXY": "b:2"])?.source == "HTTPS_PROXY")
        #expect(try Self.proxy(["http_proxy": "a:1", "HTTP_PROXY": "b:2"]) == nil, "an https URL ignores http_proxy")
        #expect(try Self.proxy([:]) == nil && Self.proxy(["https_proxy": ""]) == nil)
    }

    @Test("a plain-HTTP test server is reached directly whatever the environment says, and --proxy for one is refused")
    func plainHTTP() throws {
        let loopback = "http://127.0.0.1:8080/v2"
        #expect(try Self.proxy(for: loopback, ["http_proxy": "a:1", "https_proxy": "b:2", "all_proxy": "c:3"]) == nil)
        do {
            _ = try Self.proxy(for: loopback, option: "http://alice:s3cret@a:1", [:])
            Issue.record("--proxy was taken for a plain-HTTP target")
        } catch let error as RunbookError {
            #expect(error.code == .invalidProxy && !error.message.contains("s3cret"))
        }
    }

    @Test("--proxy overrides the environment, '' means none, and no_proxy still applies, as with curl -x")
    func option() throws {
        #expect(try Self.proxy(option: "o:9", ["https_proxy": "a:1"])?.source == "--proxy")
        #expect(try Self.proxy(option: "", ["https_proxy": "a:1"]) == nil)
        #expect(try Self.proxy(option: "o:9", ["no_proxy": "veritone.com"]) == nil)
        #expect(try Self.proxy(["https_proxy": "a:1", "NO_PROXY": "veritone.com"]) == nil)
        #expect(try Self.proxy(["https_proxy": "a:1", "no_proxy": "", "NO_PROXY": "veritone.com"]) == nil)
        #expect(try Self.proxy(["https_proxy": "a:1", "no_proxy": "example.com", "NO_PROXY": "veritone.com"]) != nil)
    }
}
