import Foundation
import RunbookTestSupport
import Testing

@testable import RunbookKit

@Suite("Deriving the SCIM Tenant URL")
struct TenantURLTests {
    @Test("passes every public vector", arguments: DerivationVector.publicVectors.cases)
    func publicVector(_ vector: DerivationVector) {
        check(vector)
    }

    @Test("passes every edge case", arguments: DerivationVector.edgeCases.cases)
    func edgeCase(_ vector: DerivationVector) {
        check(vector)
    }

    @Test("ships the region table the vectors were written for")
    func shippedRegions() {
        let shipped = Dictionary(uniqueKeysWithValues: Fixtures.regions.regions.map { ($0.key, $0.host) })
        #expect(shipped == DerivationVector.publicVectors.regions)
        #expect(shipped == DerivationVector.edgeCases.regions)
    }

    @Test(
        "tells what the URL was",
        arguments: [
            (
                "https://api.us-1.veritone.com/v1/admin/openid/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/callback/login",
                TenantURL.Source.callbackURL
            ),
            ("https://api.us-1.veritone.com/v1/admin/openid/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/login", .loginURL),
            ("https://api.us-1.veritone.com/v1/admin/openid/16f982b7-17fa-4c6c-a17b-9e7e018d42c0", .providerURL),
            ("https://api.us-1.veritone.com/v1/admin/scim/16f982b7-17fa-4c6c-a17b-9e7e018d42c0", .tenantURL),
        ])
    func source(url: String, source: TenantURL.Source) throws {
        #expect(try TenantURL(TenantInput(url: url), regions: Fixtures.regions).source == source)
    }

    @Test("gives the callback URL of the same tenant")
    func callbackURL() throws {
        let tenant = try TenantURL(
            TenantInput(region: "uk-1", tenantID: "0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11"),
            regions: Fixtures.regions)
        #expect(tenant.source == .parts)
        #expect(
            tenant.callbackURL
                == "https://api.uk-1.veritone.com/v1/admin/openid/0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11/callback/login")
    }

    private func check(_ vector: DerivationVector) {
        do {
            let tenant = try TenantURL(vector.tenantInput, regions: Fixtures.regions)
            #expect(vector.error == nil, "derived \(tenant) where \(vector.error ?? "") was expected")
            #expect(tenant.absoluteString == vector.scim)
            #expect(tenant.region.key == vector.region)
            #expect(tenant.tenantID.rawValue == vector.tenant)
        } catch {
            #expect(error.code.rawValue == vector.error, "\(error)")
        }
    }
}

@Suite("Derivation error messages")
struct DerivationMessageTests {
    /// Each code's message names the offending part of the input and says how to fix it.
    struct Case: Sendable, CustomTestStringConvertible {
        var input: TenantInput
        var code: RunbookError.Code
        var mentions: [String]
        var testDescription: String { code.rawValue }
    }

    static let callback = "https://api.us-1.veritone.com/v1/admin/openid/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/callback/login"

    static let cases: [Case] = [
        Case(input: TenantInput(url: "  "), code: .notAURL, mentions: ["empty", "Paste the callback URL", callback]),
        Case(
            input: TenantInput(url: "16f982b7"), code: .notAURL, mentions: ["‘16f982b7’", "no ‘://’", "region and a tenant ID"]),
        Case(
            input: TenantInput(url: "http://api.us-1.veritone.com/"), code: .insecureScheme,
            mentions: ["‘http://’", "Use https://"]),
        Case(
            input: TenantInput(url: "https://admin:s3cret@api.us-1.veritone.com/"), code: .credentialsInURL,
            mentions: ["user name or password", "Remove it", "Secret Token field"]),
        Case(
            input: TenantInput(url: "https://api.us-1.veritone.com:8443/"), code: .unexpectedPort,
            mentions: ["‘8443’", "Remove the colon and port"]),
        Case(
            input: TenantInput(url: "https://api.us-1.veritone.co/"), code: .unknownHost,
            mentions: ["‘api.us-1.veritone.co’", "api.us-1.veritone.com", "regions file"]),
        Case(
            input: TenantInput(url: "https://api.us-1.veritone.com/v1/admin/scim/x?code=abc"), code: .queryOrFragment,
            mentions: ["a query", "Remove everything from ‘?’"]),
        Case(
            input: TenantInput(url: "https://api.us-1.veritone.com/v1/admin/oauth/x"), code: .notOpenIDPath,
            mentions: ["‘/v1/admin/oauth/x’", "/v1/admin/openid/", "/v1/admin/scim/"]),
        Case(
            input: TenantInput(url: "https://api.us-1.veritone.com/v1/admin/openid/callback/login"), code: .invalidTenantID,
            mentions: ["‘callback’", "UUID", "copy the whole callback URI"]),
        Case(
            input: TenantInput(url: "https://api.us-1.veritone.com/v1/admin/scim/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/Users"),
            code: .unexpectedSuffix, mentions: ["‘/Users’", "ends with the tenant ID", "remove the rest"]),
        Case(input: TenantInput(url: callback, region: "eu-9"), code: .unknownRegion, mentions: ["‘eu-9’", "us-1, uk-1"]),
        Case(
            input: TenantInput(url: callback, region: "uk-1"), code: .regionMismatch,
            mentions: ["uk-1", "api.uk-1.veritone.com", "api.us-1.veritone.com", "Leave the region out"]),
        Case(
            input: TenantInput(url: callback, tenantID: "0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11"), code: .tenantMismatch,
            mentions: ["0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11", "16f982b7-17fa-4c6c-a17b-9e7e018d42c0", "Leave the tenant ID out"]),
        Case(input: TenantInput(region: "us-1", tenantID: "acme"), code: .invalidTenantID, mentions: ["‘acme’", "UUID"]),
    ]

    @Test("names the problem and the fix", arguments: cases)
    func message(_ testCase: Case) {
        #expect {
            try TenantURL(testCase.input, regions: Fixtures.regions)
        } throws: { error in
            guard let error = error as? RunbookError, error.code == testCase.code else { return false }
            for mention in testCase.mentions where !error.message.contains(mention) {
                Issue.record("\(error.message) does not mention \(mention)")
            }
            #expect(error.description.hasPrefix("error[\(testCase.code.rawValue)]: "))
            #expect(error.message.hasSuffix("."))
            return true
        }
    }

    @Test("never repeats a password from the URL")
    func credentialsStayOut() throws {
        let error = #expect(throws: RunbookError.self) {
            try TenantURL(TenantInput(url: "https://admin:hunter2@api.us-1.veritone.com/"), regions: Fixtures.regions)
        }
        #expect(error?.message.contains("hunter2") == false)
    }

    @Test("quotes hostile input inertly: control characters escaped, long text cut")
    func hostileEcho() throws {
        let error = #expect(throws: RunbookError.self) {
            try TenantURL(
                TenantInput(url: "\u{1B}[31mred\u{202E}" + String(repeating: "x", count: 10_000)),
                regions: Fixtures.regions)
        }
        let message = try #require(error?.message)
        #expect(!message.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        #expect(message.contains("\\u{1b}[31mred\\u{202e}"))
        #expect(message.count < 400)
    }
}

@Suite("One derivation, two implementations")
struct SharedMessagesTests {
    /// Every error message of both vector files, keyed `file/case`. The browser personaliser's
    /// tests (Tests/JavaScript) compare their messages with the same file, so a change to the
    /// wording in either implementation fails until both agree.
    @Test("error messages match the file the browser's tests read")
    func messages() throws {
        var messages: [String: String] = [:]
        for (file, vectors) in [
            ("scim-url.json", DerivationVector.publicVectors), ("scim-url-edge-cases.json", DerivationVector.edgeCases),
        ] {
            for vector in vectors.cases where vector.error != nil {
                do {
                    _ = try TenantURL(vector.tenantInput, regions: Fixtures.regions)
                } catch {
                    messages["\(file)/\(vector.name)"] = error.message
                }
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try expectSnapshot(String(decoding: try encoder.encode(messages), as: UTF8.self) + "\n", named: "scim-url-messages.json")
    }
}
