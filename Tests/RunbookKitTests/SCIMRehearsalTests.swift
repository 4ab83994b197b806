import Foundation
import Testing

@testable import RunbookKit
@testable import RunbookVerify

/// The rehearsal's decisions, without sockets: the state machine is fed answers and asked what
/// to send next.
@Suite("The rehearsal's state machine")
struct SCIMRehearsalTests {
    typealias Machine = SCIMRehearsal.StateMachine
    static let token = try! SCIMToken("rehearsal-token-Jx4Qa1", from: .standardInput)
    static let email = "it+rehearsal@contoso.example"

    static func machine(_ url: String = "https://api.us-1.veritone.com/v1/admin/scim/16f982b7-17fa-4c6c-a17b-9e7e018d42c0")
        -> Machine
    {
        Machine(
            endpoint: try! SCIMEndpoint(url, allowHTTPLoopback: false), token: token, userName: email,
            externalID: "runbook-rehearsal-0a1b2c3d", messages: Fixtures.messages, timeout: .seconds(10))
    }

    static func answer(_ request: SCIMRequest, _ status: Int, _ body: String = "") -> SCIMExchange {
        SCIMExchange(request: request, result: .success(FakeTransport.json(status, body)), duration: .milliseconds(5))
    }

    static func list(_ users: String...) -> String {
        #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":\#(users.count),"Resources":[\#(users.joined(separator: ","))]}"#
    }

    static func user(_ id: String, active: Bool = true, familyName: String = "Rehearsal") -> String {
        #"{"id":\#(id.jsonLiteral),"userName":"\#(email)","active":\#(active),"name":{"familyName":"\#(familyName)"}}"#
    }

    /// A healthy endpoint's answer to each request the machine sends, remembering the user.
    final class Directory {
        var id: String
        var familyName = "Rehearsal"
        var active = true
        var exists = false
        init(id: String = "u1") { self.id = id }

        func answer(_ request: SCIMRequest) -> SCIMExchange {
            let body = String(decoding: request.body ?? [], as: UTF8.self)
            switch request.method {
            case .get where request.url.contains("?filter="):
                return SCIMRehearsalTests.answer(
                    request, 200, exists ? list(user(id, active: active, familyName: familyName)) : list())
            case .get:
                return exists
                    ? SCIMRehearsalTests.answer(request, 200, user(id, active: active, familyName: familyName))
                    : SCIMRehearsalTests.answer(request, 404)
            case .post:
                exists = true
                return SCIMRehearsalTests.answer(request, 201, user(id))
            case .patch:
                if let name = body.firstMatch(of: /"name.familyName","value":"([^"]+)"|"name.familyName":"([^"]+)"/) {
                    familyName = String(name.1 ?? name.2 ?? "")
                }
                if body.contains(#""path":"active""#) { active = body.contains(#""value":true"#) }
                return SCIMRehearsalTests.answer(request, 204)
            case .delete:
                exists = false
                return SCIMRehearsalTests.answer(request, 204)
            }
        }
    }

    /// Runs the machine to the end against `respond`, and returns every request it sent.
    static func run(_ machine: inout Machine, _ respond: (SCIMRequest) -> SCIMExchange) -> [SCIMRequest] {
        var sent: [SCIMRequest] = []
        var action = machine.start()
        while case .send(let request) = action {
            sent.append(request)
            action = machine.received(respond(request))
        }
        return sent
    }

    static func summary(_ request: SCIMRequest) -> String {
        let path = request.url.replacingOccurrences(
            of: "https://api.us-1.veritone.com/v1/admin/scim/16f982b7-17fa-4c6c-a17b-9e7e018d42c0", with: "")
        return "\(request.method.rawValue) \(path.removingPercentEncoding ?? path)"
    }

    @Test("a healthy endpoint: Entra's requests in order, each check passing, the user gone at the end")
    func healthy() throws {
        var machine = Self.machine()
        let directory = Directory()
        let sent = Self.run(&machine) { directory.answer($0) }
        #expect(
            sent.map(Self.summary) == [
                #"GET /Users?filter=userName eq "it+rehearsal@contoso.example""#,
                "POST /Users",
                "GET /Users/u1",
                #"GET /Users?filter=userName eq "it+rehearsal@contoso.example""#,
                "PATCH /Users/u1", "GET /Users/u1",
                "PATCH /Users/u1", "GET /Users/u1",
                "PATCH /Users/u1", "GET /Users/u1",
                "PATCH /Users/u1",
                "PATCH /Users/u1", "GET /Users/u1",
                #"GET /Users?filter=userName eq "it+rehearsal@contoso.example""#,
                "DELETE /Users/u1", "GET /Users/u1",
            ])
        #expect(machine.checks.map(\.kind) == SCIMRehearsal.checks)
        #expect(machine.checks.allSatisfy { $0.status == .pass }, "\(machine.checks.map(\.diagnosis))")
        #expect(!directory.exists)
        #expect(sent.allSatisfy { $0.token == Self.token && $0.userAgent == nil })
    }

    @Test("the bodies are Learn's: its create, and each PATCH in Entra's default form and in the aadOptscim062020 one")
    func bodies() throws {
        var machine = Self.machine()
        let directory = Directory()
        let bodies = Self.run(&machine) { directory.answer($0) }.compactMap {
            $0.body.map { String(decoding: $0, as: UTF8.self) }
        }
        let patch = #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":["#
        #expect(
            bodies == [
                #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"#
                    + #""externalId":"runbook-rehearsal-0a1b2c3d","userName":"it+rehearsal@contoso.example","active":true,"#
                    + #""emails":[{"primary":true,"type":"work","value":"it+rehearsal@contoso.example"}],"meta":{"resourceType":"User"},"#
                    + #""name":{"formatted":"Runbook Rehearsal","familyName":"Rehearsal","givenName":"Runbook"},"roles":[]}"#,
                patch + #"{"op":"Replace","path":"emails[type eq \"work\"].value","value":"it+rehearsal@contoso.example"},"#
                    + #"{"op":"Replace","path":"name.givenName","value":"Runbook"},"#
                    + #"{"op":"Replace","path":"name.familyName","value":"Rehearsal-default"}]}"#,
                patch + #"{"op":"replace","path":"emails[type eq \"work\"].value","value":"it+rehearsal@contoso.example"},"#
                    + #"{"op":"replace","value":{"name.givenName":"Runbook","name.familyName":"Rehearsal-aadOptscim062020"}}]}"#,
                patch + #"{"op":"Replace","path":"active","value":"False"}]}"#,
                patch + #"{"op":"replace","path":"active","value":true}]}"#,
                patch + #"{"op":"replace","path":"active","value":false}]}"#,
            ])
        for body in bodies {
            #expect((try? JSONSerialization.jsonObject(with: Data(body.utf8))) != nil, "not JSON: \(body)")
        }
    }

    @Test(
        "an id from the endpoint is one path segment: it cannot point a write at another resource",
        arguments: ["../Groups/1", "u1?x=1", "a/b", "%2e%2e"])
    func hostileID(id: String) throws {
        var machine = Self.machine()
        let directory = Directory(id: id)
        let sent = Self.run(&machine) { directory.answer($0) }
        for request in sent where request.method == .patch || request.method == .delete {
            let tail = request.url.components(separatedBy: "/Users/")[1]
            #expect(!tail.contains("/") && !tail.contains("?") && tail.removingPercentEncoding == id, "\(request.url)")
        }
    }

    @Test("a user with that userName already exists: nothing is written")
    func existingUser() throws {
        var machine = Self.machine()
        let directory = Directory()
        directory.exists = true
        let sent = Self.run(&machine) { directory.answer($0) }
        #expect(sent.map(\.method) == [.get])
        #expect(machine.checks.first?.status == .fail)
        #expect(machine.checks.dropFirst().allSatisfy { $0.status == .skip })
        #expect(directory.exists)
    }

    @Test("an interruption while creating looks for what the create left, and removes it")
    func interruptedCreate() throws {
        var machine = Self.machine()
        let directory = Directory()
        var action = machine.start()
        guard case .send(let lookUp) = action else {
            Issue.record("no request")
            return
        }
        action = machine.received(directory.answer(lookUp))
        guard case .send(let create) = action else {
            Issue.record("no create")
            return
        }
        #expect(create.method == .post)
        _ = directory.answer(create)  // the endpoint stored the user; its answer never arrived
        action = machine.interrupted(by: "SIGINT") ?? .finish
        guard case .send(let find) = action else {
            Issue.record("no look-up")
            return
        }
        #expect(Self.summary(find) == #"GET /Users?filter=userName eq "it+rehearsal@contoso.example""#)
        #expect(!machine.isInterruptible)
        #expect(machine.interrupted(by: "SIGINT") == nil)
        action = machine.received(directory.answer(find))
        guard case .send(let remove) = action else {
            Issue.record("no removal")
            return
        }
        #expect(Self.summary(remove) == "DELETE /Users/u1")
        #expect(machine.received(directory.answer(remove)) == .finish)
        #expect(!directory.exists)
        #expect(machine.checks.first { $0.kind == .userCreate }?.diagnosis == "interrupted by SIGINT before it finished")
        #expect(machine.checks.last?.kind == .userCleanup && machine.checks.last?.status == .pass)
        #expect(
            machine.checks.filter { $0.status == .skip }.map(\.diagnosis).contains(
                "skipped: the rehearsal was interrupted by SIGINT"))
    }

    @Test("an interruption while removing the user is not honoured: the removal goes on")
    func interruptedRemoval() throws {
        var machine = Self.machine()
        let directory = Directory()
        var action = machine.start()
        var removal: SCIMRequest?
        while case .send(let request) = action {
            if request.method == .patch {
                let next = machine.interrupted(by: "SIGTERM")
                action = try #require(next)
                continue
            }
            if request.method == .delete {
                removal = request
                #expect(machine.interrupted(by: "SIGTERM") == nil)
            }
            action = machine.received(directory.answer(request))
        }
        #expect(removal.map(Self.summary) == "DELETE /Users/u1")
        #expect(!directory.exists)
        #expect(machine.checks.last?.diagnosis == "removed the user u1 (HTTP 204)")
    }

    @Test("an interruption before the create removes nothing and sends nothing more")
    func interruptedLookUp() throws {
        var machine = Self.machine()
        #expect(machine.start() != .finish)
        #expect(machine.interrupted(by: "SIGINT") == .finish)
        #expect(machine.checks.last?.diagnosis == "nothing to remove: no user was created")
    }
}
