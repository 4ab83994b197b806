import Foundation
import Testing

@testable import RunbookKit

@Suite("Explaining what Entra shows")
struct EntraExplanationTests {
    let catalogue = Fixtures.messages

    struct Pasted: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var ids: [String]
        var testDescription: String { name }
    }

    static let notification = """
        You appear to have entered invalid credentials. Please confirm you are using the correct information for an \
        administrative account.
        Error code: SystemForCrossDomainIdentityManagementCredentialValidationUnavailable
        Details: We received this unexpected response from your application: Received response from Web resource. \
        Resource: https://api.us-1.veritone.com/v1/admin/scim/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/Users?filter=userName+eq+"8646d011" \
        Operation: GET Response Status Code: Unauthorized Response Headers: Response Content:
        """

    static let cases: [Pasted] = [
        Pasted(
            name: "the whole notification, in Entra's order", text: notification,
            ids: ["invalid-credentials", "credential-validation-unavailable", "status-unauthorized"]),
        Pasted(
            name: "the headline alone, in typographic quotes, with page text around it",
            text: "Test Connection failed:  “you APPEAR to have entered\u{00A0}invalid credentials.”  Retry",
            ids: ["invalid-credentials"]),
        Pasted(
            name: "a Details line with two statuses' worth of text, and the no-answer words",
            text: "Response Status Code: BadGateway Response Content: An error occurred while sending the request.",
            ids: ["no-answer", "status-gateway-error"]),
        Pasted(
            name: "the short form of an error code", text: "CredentialValidationUnavailable",
            ids: ["credential-validation-unavailable"]),
        Pasted(
            name: "an error code broken across lines, as a narrow page wraps it",
            text: "SystemForCrossDomainIdentity\nManagementServiceIncompatible", ids: ["service-incompatible"]),
        Pasted(
            name: "a provisioning-log code that is also a status name, on its own",
            text: "Error code: Unauthorized", ids: ["not-authorized"]),
        Pasted(name: "a provisioning-log code", text: "DuplicateTargetEntries", ids: ["duplicate-target-entries"]),
        Pasted(
            name: "the quarantine banner", text: "Provisioning has been quarantined. See quarantine details for more information",
            ids: ["quarantine-deletions"]),
        Pasted(
            name: "two log entries", text: "MultipleEntriesInResponse ... InsufficientRights",
            ids: ["multiple-entries", "not-authorized"]),
        Pasted(
            name: "a code is a word of its own: Conflict, not the conflict of conflicting",
            text: "Error code: Conflict. Correct the conflicting attribute values", ids: ["entry-conflict"]),
        Pasted(name: "a code inside a longer word is not that code", text: "Correct the conflicting attribute values", ids: []),
        Pasted(
            name: "the rehearsal's codes, as a provisioning log lists them",
            text: "EntryConflict; TooManyRequests; UnprocessableEntity; InvalidAnchor; WebExceptionProtocolError",
            ids: ["entry-conflict", "too-many-requests", "unexpected-response", "invalid-anchor", "no-response"]),
        Pasted(
            name: "a Details line's InternalServerError is the status, a log's the code",
            text: "Response Status Code: InternalServerError ... Error code: InternalServerError",
            ids: ["status-server-error", "unexpected-error"]),
    ]

    @Test("finds each known message in what an admin pastes, in the order Entra shows them", arguments: cases)
    func finds(_ pasted: Pasted) {
        let explanation = catalogue.explain(pasted.text)
        #expect(explanation.matches.map(\.id) == pasted.ids)
        #expect(explanation.closest.isEmpty)
    }

    struct Fixture: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var ids: [String]
        var testDescription: String { name }
    }

    static let fixtures: [Fixture] = {
        struct File: Decodable { var cases: [Fixture] }
        return try! JSONDecoder().decode(File.self, from: Fixtures.data("entra-pastes.json")).cases
    }()

    @Test("finds what Entra showed in text as customers send it", arguments: fixtures)
    func realWorld(_ fixture: Fixture) {
        #expect(catalogue.explain(fixture.text).matches.map(\.id) == fixture.ids)
    }

    @Test(
        "finds nothing in text that holds no known message, and offers the closest ones",
        arguments: [
            ("You apear to have enterd invalid credentails", "invalid-credentials"),
            ("ServiceIncompatibel", "service-incompatible"),
        ])
    func closest(text: String, first: String) {
        let explanation = catalogue.explain(text)
        #expect(explanation.matches.isEmpty)
        #expect(explanation.closest.first?.id == first)
        #expect(explanation.closest.count <= 3)
    }

    @Test("text with nothing like a message gets neither matches nor suggestions")
    func unrelated() {
        let explanation = catalogue.explain("The quick brown fox")
        #expect(explanation.matches.isEmpty && explanation.closest.isEmpty)
    }

    @Test("every message of the catalogue is found from its own text, alone and with a page around it")
    func everyMessage() {
        for message in catalogue.messages {
            let text = message.statuses.first.map { "Response Status Code: \($0.name)" } ?? message.codes.first ?? message.shows
            #expect(catalogue.explain(text).matches.map(\.id) == [message.id], "\(message.id) is not found from \(text)")
            let page =
                "Microsoft Entra admin center\n\tHome > Enterprise apps > aiWARE | Provisioning\n\(text)\n\u{00A0}Dismiss  "
            #expect(catalogue.explain(page).matches.map(\.id) == [message.id], "\(message.id) is not found in a page")
        }
    }
}
