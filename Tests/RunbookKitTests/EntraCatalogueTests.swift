import Foundation
import Testing

@testable import RunbookKit

@Suite("The catalogue of Entra's messages")
struct EntraCatalogueTests {
    let catalogue = Fixtures.messages

    @Test("the shipped catalogue holds every message runbook refers to, each with a cause, a fix and a Learn or Veritone source")
    func shipped() {
        for key in EntraCatalogue.Key.allCases {
            #expect(catalogue[key].id == key.rawValue)
        }
        for message in catalogue.messages {
            #expect(!message.causes.isEmpty && !message.fix.isEmpty && !message.meaning.isEmpty, "\(message.id)")
            #expect(
                message.source.url.hasPrefix("https://learn.microsoft.com/")
                    || message.source.url.hasPrefix("https://support.veritone.com/"))
        }
        #expect(catalogue.places.map(\.key) == EntraMessage.Place.allCases)
        #expect(
            catalogue.messages.first { $0.id == "status-gateway-error" }?.shows
                == "Response Status Code: BadGateway, ServiceUnavailable or GatewayTimeout")
        #expect(
            catalogue.messages.first { $0.id == "not-authorized" }?.shows
                == "Unauthorized, InsufficientRights, NotPermitted or MethodNotAllowed")
    }

    @Test(
        "a Details line names the status of the answer the way Entra does",
        arguments: [
            (401, "status-unauthorized", "Response Status Code: Unauthorized"),
            (405, "status-not-supported", "Response Status Code: MethodNotAllowed"),
            (501, "status-not-supported", "Response Status Code: NotImplemented"),
            (503, "status-gateway-error", "Response Status Code: ServiceUnavailable"),
            (500, "status-server-error", "Response Status Code: InternalServerError"),
            (507, "status-server-error", "Response Status Code: 507"),
        ])
    func detailsLine(status: Int, id: String, shows: String) throws {
        let message = try #require(catalogue.detailsLine(forStatus: status))
        #expect(message.id == id)
        #expect(message.shows == shows)
    }

    @Test("a status the catalogue does not explain gives the headline alone")
    func unexplainedStatus() {
        #expect(catalogue.detailsLine(forStatus: 418) == nil)
        #expect(catalogue.testConnectionFailure(status: 418).map(\.id) == ["invalid-credentials"])
    }

    @Test("a report quotes each message and marks what Learn does not document")
    func sentence() {
        let text = EntraMessage.sentence(for: catalogue.testConnectionFailure(status: 401))
        #expect(
            text == "“You appear to have entered invalid credentials. Please confirm you are using the correct information for "
                + "an administrative account.”, with the Details line “Response Status Code: Unauthorized” (inferred)")
        #expect(
            EntraMessage.sentence(for: [catalogue[.serviceIncompatible]])
                == "in Provisioning logs, “SystemForCrossDomainIdentityManagementServiceIncompatible”")
        #expect(
            EntraMessage.sentence(for: catalogue.noAnswer)
                == "“SystemForCrossDomainIdentityManagementCredentialValidationUnavailable”, "
                + "with the Details line “An error occurred while sending the request.” (observed)")
        #expect(EntraMessage.sentence(for: []) == nil)
    }

    @Test(
        "a catalogue that breaks a rule is refused with a sentence that names the entry",
        arguments: [
            (#""id": "invalid-credentials""#, #""id": "no-answer""#, "the id ‘no-answer’ is used twice"),
            (
                #""check": "test-connection""#, #""check": "rehearsal""#,
                "names the check ‘rehearsal’, which runbook verify does not have"
            ),
            (
                "https://learn.microsoft.com/entra/identity/monitoring-health", "https://example.com/logs",
                "cites https://example.com/logs"
            ),
            (#""title": "In Provisioning logs""#, #""name": "In Provisioning logs""#, #"at .places[2] it has no "title""#),
        ])
    func invalid(find: String, replace: String, problem: String) throws {
        let text = try String(contentsOf: Fixtures.templates.appendingPathComponent("entra-messages.json"), encoding: .utf8)
        let broken = text.replacingOccurrences(of: find, with: replace)
        #expect(broken != text)
        #expect {
            try EntraCatalogue(json: Data(broken.utf8), path: "messages.json")
        } throws: { error in
            let error = error as? RunbookError
            return error?.code == .invalidTemplate
                && error?.message.hasPrefix("messages.json is not a catalogue of Entra's messages: ") == true
                && error?.message.contains(problem) == true
        }
    }

    @Test("a catalogue without a message verify reports is refused")
    func missingKey() throws {
        let text = try String(contentsOf: Fixtures.templates.appendingPathComponent("entra-messages.json"), encoding: .utf8)
        let broken = text.replacingOccurrences(of: #""id": "multiple-entries""#, with: #""id": "several""#)
        #expect(throws: RunbookError.self) { try EntraCatalogue(json: Data(broken.utf8), path: "messages.json") }
    }
}
