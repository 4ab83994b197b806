import Foundation
import RunbookKit

extension SCIMRehearsal {
    /// The rehearsal's decisions, apart from its I/O: it takes each answer (or an interruption)
    /// and returns the next request to send, until it says ``Action/finish``. It never addresses a
    /// user by anything but the `id` the endpoint gave back, and every way out after a create
    /// goes through removing that user.
    struct StateMachine {
        /// What the performer does next.
        enum Action: Equatable {
            case send(SCIMRequest)
            case finish
        }

        /// The request in flight.
        enum Step: Equatable {
            case lookUp, create
            /// After a create whose outcome is unknown: the query that finds what it left.
            case findCreated
            case readByID, readByQuery
            case update(Dialect)
            case readUpdate(Dialect)
            case disable(Dialect)
            case readDisabled(Dialect)
            case enable, queryDisabled
            case delete, readDeleted
            /// The cleanup's `DELETE`, on any way out other than the delete step.
            case remove
        }

        private let requests: Requests
        private let messages: EntraCatalogue
        /// The limit of one request, for the words of a timeout.
        private let timeout: Duration
        private(set) var step: Step?
        /// The `id` the endpoint gave the user; the only way the rehearsal addresses it.
        private(set) var userID: String?
        /// The checks closed so far; all of ``SCIMRehearsal/checks`` once finished.
        private(set) var checks: [VerificationCheck] = []
        private var open: OpenCheck?
        private var updated: [Dialect: Outcome] = [:]
        private var disabled: [Dialect: Outcome] = [:]
        /// Why the remaining checks did not run, once the rehearsal stopped early.
        private var stopReason: String?
        private var cleanup: VerificationCheck?

        init(
            endpoint: SCIMEndpoint, token: SCIMToken, userName: String, externalID: String, messages: EntraCatalogue,
            timeout: Duration
        ) {
            requests = Requests(endpoint: endpoint, token: token, userName: userName, externalID: externalID)
            self.messages = messages
            self.timeout = timeout
        }

        /// Whether a request in flight may be abandoned: not while removing the user.
        var isInterruptible: Bool { step != .remove && step != .findCreated }

        // MARK: Events

        mutating func start() -> Action {
            open = OpenCheck(kind: .userQuery)
            return send(.lookUp)
        }

        /// The answer to the request of ``step``, or why there was none.
        mutating func received(_ exchange: SCIMExchange) -> Action {
            guard let step else { preconditionFailure("an answer came when no request was in flight") }
            open?.requests.append(SCIMVerifier.record(exchange, credentials: "token"))
            if case .failure(let failure) = exchange.result, step != .remove, step != .findCreated {
                let (diagnosis, fix) = SCIMVerifier.describe(failure, endpoint: requests.endpoint, timeout: timeout)
                note(
                    .fail, "\(exchange.request.method.rawValue) got no answer: \(diagnosis)", fix: fix,
                    entra: messages.provisioningNoAnswer)
                return stop(because: "a request got no answer", userMayExist: step == .create)
            }
            switch step {
            case .lookUp: return lookedUp(exchange)
            case .create: return created(exchange)
            case .findCreated: return foundCreated(exchange)
            case .readByID: return readByID(exchange)
            case .readByQuery: return readByQuery(exchange)
            case .update(let dialect): return updated(dialect, exchange)
            case .readUpdate(let dialect): return readUpdate(dialect, exchange)
            case .disable(let dialect): return disabled(dialect, exchange)
            case .readDisabled(let dialect): return readDisabled(dialect, exchange)
            case .enable: return enabled(exchange)
            case .queryDisabled: return queryDisabled(exchange)
            case .delete: return deleted(exchange)
            case .readDeleted: return readDeleted(exchange)
            case .remove: return removed(exchange)
            }
        }

        /// The operator stopped the run (SIGINT, SIGTERM): the request in flight was abandoned.
        /// The user is still removed. While it is being removed an interruption is not honoured:
        /// `nil` says to wait for the answer in flight.
        mutating func interrupted(by signal: String) -> Action? {
            guard isInterruptible else { return nil }
            guard let step else { return .finish }
            if var check = open {
                check.findings = [Finding(.skip, "interrupted by \(signal) before it finished", fix: nil, entra: [])]
                open = check
            }
            return stop(because: "the rehearsal was interrupted by \(signal)", userMayExist: step == .create)
        }

        // MARK: Steps

        private mutating func lookedUp(_ exchange: SCIMExchange) -> Action {
            guard let list = Self.list(exchange) else {
                note(
                    .fail, "the query by userName got \(Self.describe(exchange)) instead of a ListResponse",
                    fix: "Run runbook verify without --rehearse first: its test connection check says why.")
                return stop(because: "the query by userName failed", userMayExist: false)
            }
            guard list.isEmpty else {
                let ids = list.compactMap { $0["id"]?.string }.map { $0.visibleForMessage(limit: 60) }
                note(
                    .fail,
                    "a user with userName \(requests.userName) already exists\(ids.isEmpty ? "" : " (id \(ids.joined(separator: ", ")))"); "
                        + "the rehearsal touches no user it did not create, so it stopped",
                    fix: "Rehearse with an address no aiWARE user has, such as a plus address "
                        + "(you+rehearsal@contoso.example); if it is left over from an earlier rehearsal, delete it in aiWARE.")
                return stop(because: "a user with that userName exists", userMayExist: false)
            }
            note(.pass, "no user has userName \(requests.userName) yet")
            return next(.userCreate, .create)
        }

        private mutating func created(_ exchange: SCIMExchange) -> Action {
            let response = exchange.response!
            let status = response.status
            let id = JSONValue.parse(response.body)?["id"]?.string.flatMap { $0.isEmpty ? nil : $0 }
            let failure = messages.provisioningFailure(status: status)
            switch status {
            case 200..<300:
                guard let id else {
                    note(
                        .fail, "HTTP \(status), but the answer has no id; Entra addresses every later change by it",
                        fix: "Send this report to Veritone support.", entra: [messages[.serviceIncompatible]])
                    return stop(because: "the create gave no id", userMayExist: true)
                }
                userID = id
                if status == 201 {
                    note(.pass, "HTTP 201 Created, id \(id.visibleForMessage(limit: 80))")
                } else {
                    note(
                        .warn,
                        "HTTP \(status) where a create answers 201 Created (RFC 7644 §3.3; Learn's example); "
                            + "id \(id.visibleForMessage(limit: 80))",
                        fix: "Answer a successful POST /Users with 201 Created; send this report to Veritone support.")
                }
                return next(.userRead, .readByID)
            case 409:
                note(
                    .fail,
                    "HTTP 409\(SCIMVerifier.errorDetail(of: response)): the endpoint says this user exists, though the query by "
                        + "userName found none; Entra matches users by that query, so it would try to create the user again "
                        + "at the next cycle, and then less and less often",
                    fix: "The query by userName must find every user the endpoint holds, disabled ones "
                        + "included; send this report to Veritone support.", entra: failure)
            case 401, 403:
                note(
                    .fail,
                    "HTTP \(status)\(SCIMVerifier.errorDetail(of: response)): the token may read users but not create them",
                    fix: "Generate a token with every Admin:user permission (Select All) and use it here and in Entra.",
                    entra: failure)
            case 405, 501:
                note(
                    .fail, "HTTP \(status): the endpoint does not create users, so Entra can provision none",
                    fix: "Send this report to Veritone support.", entra: failure)
            case 400..<500:
                note(
                    .fail, "HTTP \(status)\(SCIMVerifier.errorDetail(of: response)): the endpoint refused Entra's create request",
                    fix: "Send this report, which shows the request, to Veritone support.", entra: failure)
            default:
                // A server error may come after the user was stored: look before leaving.
                note(
                    .fail, "HTTP \(status)\(SCIMVerifier.errorDetail(of: response)) to Entra's create request",
                    fix: "Try again later; if it persists, send this report to Veritone support.", entra: failure)
                return stop(because: "the endpoint did not create the user", userMayExist: true)
            }
            return stop(because: "the endpoint did not create the user", userMayExist: false)
        }

        private mutating func readByID(_ exchange: SCIMExchange) -> Action {
            if let user = Self.resource(exchange), user["id"]?.string == userID,
                user["userName"]?.string?.lowercased() == requests.userName.lowercased()
            {
                note(.pass, "read back by id")
            } else {
                let status = exchange.response?.status ?? 0
                note(
                    .fail,
                    "GET by the id the create gave back got \(Self.describe(exchange))\(status == 200 ? ", not the user" : ""); "
                        + "Entra could not update or disable it", fix: "Send this report to Veritone support.",
                    entra: status == 200 ? [messages[.serviceIncompatible]] : messages.provisioningFailure(status: status))
            }
            return send(.readByQuery)
        }

        private mutating func readByQuery(_ exchange: SCIMExchange) -> Action {
            switch Self.list(exchange) {
            case let list? where list.count == 1 && list[0]["id"]?.string == userID:
                note(.pass, "found by userName, once")
            case let list? where list.count > 1:
                note(
                    .fail, "the query by userName returned \(list.count) users; Entra needs exactly one",
                    fix: "Send this report to Veritone support.", entra: [messages[.duplicateTargetEntries]])
            case let list? where list.isEmpty:
                note(
                    .fail,
                    "the query by userName does not find the new user; once Entra has no id for a user (one newly "
                        + "assigned in Entra, or after a restart of the job through Microsoft Graph that resets its links), it "
                        + "would not match the user and would try to create it again",
                    fix: "Send this report to Veritone support.", entra: [messages[.entryConflict]])
            case let list?:
                note(
                    .fail,
                    "the query by userName found a user with another id (\((list[0]["id"]?.string ?? "none").visibleForMessage(limit: 60))); "
                        + "Entra would match and change that user", fix: "Send this report to Veritone support.")
            case nil:
                note(
                    .fail, "the query by userName got \(Self.describe(exchange)) instead of a ListResponse",
                    fix: "Send this report to Veritone support.", entra: [messages[.serviceIncompatible]])
            }
            return next(.userUpdate, .update(.entra))
        }

        private mutating func updated(_ dialect: Dialect, _ exchange: SCIMExchange) -> Action {
            let status = exchange.response!.status
            guard (200..<300).contains(status) else {
                updated[dialect] = .refused(status: status, detail: SCIMVerifier.errorDetail(of: exchange.response!))
                return dialect == .entra ? send(.update(.rfc)) : closeUpdate()
            }
            return send(.readUpdate(dialect))
        }

        private mutating func readUpdate(_ dialect: Dialect, _ exchange: SCIMExchange) -> Action {
            let familyName = Self.resource(exchange)?["name"]?["familyName"]?.string
            updated[dialect] = familyName == Requests.familyName(after: dialect) ? .works : .ignored
            return dialect == .entra ? send(.update(.rfc)) : closeUpdate()
        }

        private mutating func closeUpdate() -> Action {
            let (status, diagnosis, fix) = verdict(updated)
            note(status, diagnosis, fix: fix, entra: status == .fail ? entra(for: updated) : [])
            return next(.userDisable, .disable(.entra))
        }

        private mutating func disabled(_ dialect: Dialect, _ exchange: SCIMExchange) -> Action {
            let status = exchange.response!.status
            guard (200..<300).contains(status) else {
                disabled[dialect] = .refused(status: status, detail: SCIMVerifier.errorDetail(of: exchange.response!))
                return dialect == .entra ? send(.enable) : afterDisables()
            }
            return send(.readDisabled(dialect))
        }

        private mutating func readDisabled(_ dialect: Dialect, _ exchange: SCIMExchange) -> Action {
            if let user = Self.resource(exchange) {
                disabled[dialect] = user["active"] == .bool(false) ? .works : .ignored
            } else if exchange.response?.status == 404 {
                disabled[dialect] = .hidden
            } else {
                disabled[dialect] = .ignored
            }
            return dialect == .entra ? send(.enable) : afterDisables()
        }

        private mutating func enabled(_ exchange: SCIMExchange) -> Action {
            let status = exchange.response!.status
            guard (200..<300).contains(status) else {
                disabled[.rfc] = .untestable("re-enabling the user before it got HTTP \(status)")
                return afterDisables()
            }
            return send(.disable(.rfc))
        }

        private mutating func afterDisables() -> Action {
            guard disabled.values.contains(where: { $0 == .works }) else { return closeDisable(query: nil) }
            return send(.queryDisabled)
        }

        private mutating func queryDisabled(_ exchange: SCIMExchange) -> Action {
            return closeDisable(query: Self.list(exchange)?.contains { $0["id"]?.string == userID } ?? false)
        }

        private mutating func closeDisable(query found: Bool?) -> Action {
            if disabled.values.contains(.hidden) || found == false {
                let how = [disabled.values.contains(.hidden) ? "by id" : nil, found == false ? "by userName" : nil]
                    .compactMap { $0 }.joined(separator: " or ")
                note(
                    .fail,
                    "a disabled user is no longer returned \(how), though Learn's SCIM tutorial requires it to be; "
                        + "Entra's next change to the user, such as re-enabling it, would fail (inferred), and a user missing "
                        + "from the query could not be matched again",
                    fix: "Disabled users must still be returned by id and "
                        + "by query; send this report to Veritone support.",
                    entra: [messages[.invalidAnchor]])
            } else {
                let (status, diagnosis, fix) = verdict(disabled)
                note(
                    status, diagnosis + (found == true ? "; still returned by id and by userName" : ""), fix: fix,
                    entra: status == .fail ? entra(for: disabled) : [])
            }
            return next(.userDelete, .delete)
        }

        private mutating func deleted(_ exchange: SCIMExchange) -> Action {
            let response = exchange.response!
            switch response.status {
            case 204:
                note(.pass, "HTTP 204 No Content")
            case 200..<300:
                note(
                    .warn, "HTTP \(response.status) where a delete answers 204 No Content (RFC 7644 §3.6)",
                    fix: "Answer a successful DELETE with 204; send this report to Veritone support.")
            default:
                note(
                    .fail,
                    "HTTP \(response.status)\(SCIMVerifier.errorDetail(of: response)): the endpoint refused the delete; Entra "
                        + "could not delete users", fix: "Send this report to Veritone support.",
                    entra: messages.provisioningFailure(status: response.status))
                close()
                return removalFailed("the endpoint refused the DELETE with HTTP \(response.status)")
            }
            return send(.readDeleted)
        }

        private mutating func readDeleted(_ exchange: SCIMExchange) -> Action {
            guard exchange.response?.status == 404 else {
                note(
                    .fail,
                    "after the delete, GET by id still got \(Self.describe(exchange)); Entra, which got a success, "
                        + "would not know (inferred)",
                    fix: "A deleted user must answer 404 (RFC 7644 §3.6); send this report to "
                        + "Veritone support.")
                close()
                return removalFailed("the user is still returned after DELETE")
            }
            note(.pass, "then 404 Not Found")
            close()
            cleanup = VerificationCheck(.userCleanup, .pass, "nothing left behind: the user \(userIDForMessage) is deleted")
            return finish()
        }

        private mutating func foundCreated(_ exchange: SCIMExchange) -> Action {
            guard let list = Self.list(exchange) else {
                return removalFailed("cannot tell whether the create left a user: the query got \(Self.describe(exchange))")
            }
            switch list.count {
            case 0:
                cleanup = VerificationCheck(.userCleanup, .pass, "nothing left behind: no user has userName \(requests.userName)")
                return finish()
            case 1:
                guard let id = list[0]["id"]?.string, !id.isEmpty else {
                    return removalFailed("the create left a user whose query answer has no id")
                }
                userID = id
                return send(.remove)
            default:
                return removalFailed("\(list.count) users have userName \(requests.userName)")
            }
        }

        private mutating func removed(_ exchange: SCIMExchange) -> Action {
            switch exchange.response?.status {
            case let status? where (200..<300).contains(status):
                cleanup = VerificationCheck(
                    .userCleanup, .pass, "removed the user \(userIDForMessage) (HTTP \(status))",
                    requests: [SCIMVerifier.record(exchange, credentials: "token")])
                return finish()
            case 404:
                cleanup = VerificationCheck(
                    .userCleanup, .pass, "the user \(userIDForMessage) is already gone (HTTP 404)",
                    requests: [SCIMVerifier.record(exchange, credentials: "token")])
                return finish()
            default:
                return removalFailed("its DELETE got \(Self.describe(exchange))", exchange: exchange)
            }
        }

        // MARK: Bookkeeping

        private var userIDForMessage: String { (userID ?? "").visibleForMessage(limit: 80) }

        private mutating func send(_ next: Step) -> Action {
            step = next
            return .send(requests.request(for: next, userID: userID))
        }

        /// Closes the open check and opens the next.
        private mutating func next(_ kind: VerificationCheck.Kind, _ step: Step) -> Action {
            close()
            open = OpenCheck(kind: kind)
            return send(step)
        }

        private mutating func note(
            _ status: VerificationCheck.Status, _ text: String, fix: String? = nil,
            entra: [EntraMessage] = []
        ) {
            open?.findings.append(Finding(status, text, fix: fix, entra: entra))
        }

        private mutating func close() {
            guard let check = open else { return }
            checks.append(check.check)
            open = nil
        }

        /// Ends early: closes the open check and removes the user if there may be one.
        private mutating func stop(because reason: String, userMayExist: Bool) -> Action {
            close()
            stopReason = reason
            if userID != nil { return send(.remove) }
            if userMayExist { return send(.findCreated) }
            cleanup = VerificationCheck(.userCleanup, .skip, "nothing to remove: no user was created")
            return finish()
        }

        private mutating func removalFailed(_ why: String, exchange: SCIMExchange? = nil) -> Action {
            stopReason = stopReason ?? "the user could not be removed"
            let fix: String
            if let userID {
                fix =
                    "Remove the user yourself: \(requests.removalCommand(userID: userID)), or delete "
                    + "\(requests.userName) in aiWARE's Admin Center."
            } else {
                fix = "Look for a user with userName \(requests.userName) in aiWARE's Admin Center and delete it."
            }
            cleanup = VerificationCheck(
                .userCleanup, .fail,
                "the test user \(userID.map { "\($0.visibleForMessage(limit: 80)) " } ?? "")"
                    + "may still exist: \(why)", fix: fix,
                requests: exchange.map { [SCIMVerifier.record($0, credentials: "token")] } ?? [])
            return finish()
        }

        private mutating func finish() -> Action {
            close()
            step = nil
            let done = Set(checks.map(\.kind))
            for kind in SCIMRehearsal.checks where kind != .userCleanup && !done.contains(kind) {
                checks.append(VerificationCheck(kind, .skip, "skipped: \(stopReason ?? "the rehearsal stopped")"))
            }
            checks.append(cleanup ?? VerificationCheck(.userCleanup, .skip, "nothing to remove"))
            return .finish
        }

        /// What Provisioning logs show when the dialect Entra sends to this Tenant URL fails: the
        /// code for a refusal; nothing when the change is accepted and lost, since Entra does not
        /// read a change back (inferred).
        private func entra(for outcomes: [Dialect: Outcome]) -> [EntraMessage] {
            let sent: Dialect = requests.endpoint.hasSCIMComplianceFlag ? .rfc : .entra
            switch outcomes[sent] {
            case .refused(let status, _)?: return messages.provisioningFailure(status: status)
            case .hidden?: return [messages[.invalidAnchor]]
            default: return []
            }
        }

        /// PASS, WARN or FAIL for the two PATCH dialects of one change, and whether the Tenant URL
        /// needs `?aadOptscim062020`.
        private func verdict(_ outcomes: [Dialect: Outcome])
            -> (VerificationCheck.Status, String, String?)
        {
            let entra = outcomes[.entra] ?? .untestable("not sent")
            let rfc = outcomes[.rfc] ?? .untestable("not sent")
            switch (entra == .works, rfc == .works, requests.endpoint.hasSCIMComplianceFlag) {
            case (true, true, _):
                return (
                    .pass,
                    "Entra's default PATCH and the RFC 7644 one of ?aadOptscim062020 both apply, so for the "
                        + "changes rehearsed the Tenant URL works with or without the flag", nil
                )
            case (true, false, false):
                return (
                    .warn,
                    "Entra's default PATCH applies; the RFC 7644 one of ?aadOptscim062020 does not "
                        + "(\(rfc.description)), so the Tenant URL must not carry that flag",
                    "Learn says the RFC 7644 form "
                        + "will become Entra's default: send this report to Veritone support, so that aiWARE accepts it "
                        + "before then."
                )
            case (true, false, true):
                return (
                    .fail,
                    "the Tenant URL carries ?aadOptscim062020, so Entra sends RFC 7644 PATCH requests, and "
                        + "they do not apply (\(rfc.description)); Entra's default ones do",
                    "Remove ?aadOptscim062020 from the Tenant URL in Entra and here."
                )
            case (false, true, true):
                return (
                    .pass,
                    "the RFC 7644 PATCH that ?aadOptscim062020 asks for applies; Entra's default one does not "
                        + "(\(entra.description)), so the flag must stay", nil
                )
            case (false, true, false):
                return (
                    .fail,
                    "Entra's default PATCH does not apply (\(entra.description)); the RFC 7644 one does, which "
                        + "Entra currently sends only when the Tenant URL carries the flag aadOptscim062020 (and not in "
                        + "provisioning on demand)",
                    "Add ?aadOptscim062020 to the "
                        + "Tenant URL in Entra (Learn: Known issues and resolutions with SCIM 2.0 protocol compliance), or "
                        + "send this report to Veritone support."
                )
            case (false, false, _):
                return (
                    .fail,
                    "neither of Entra's PATCH forms applies: its default one \(entra.description), the "
                        + "RFC 7644 one of ?aadOptscim062020 \(rfc.description)", "Send this report to Veritone support."
                )
            }
        }
    }
}

extension SCIMRehearsal.StateMachine {
    /// Entra's two forms of a PATCH: its default one, and the RFC 7644 one that a Tenant URL
    /// with `?aadOptscim062020` asks for (Learn, *Known issues and resolutions with SCIM 2.0
    /// protocol compliance*).
    enum Dialect: CaseIterable, Hashable {
        case entra, rfc
    }

    /// What became of one PATCH dialect.
    enum Outcome: Equatable, CustomStringConvertible {
        /// Accepted, and reading the user back shows the change.
        case works
        /// Refused, with the status and the SCIM error's detail.
        case refused(status: Int, detail: String)
        /// Accepted, but the user reads back unchanged.
        case ignored
        /// Accepted, but the user is then no longer returned.
        case hidden
        /// Could not be told, and why.
        case untestable(String)

        var description: String {
            switch self {
            case .works: "applied"
            case .refused(let status, let detail): "refused with HTTP \(status)\(detail)"
            case .ignored: "accepted but not applied, which Entra would log as a success (inferred)"
            case .hidden: "accepted, but the user then answers 404"
            case .untestable(let why): "untested: \(why)"
            }
        }
    }

    /// One finding of a check: a check's status is its worst finding's.
    struct Finding {
        var status: VerificationCheck.Status
        var text: String
        var fix: String?
        var entra: [EntraMessage]

        init(_ status: VerificationCheck.Status, _ text: String, fix: String?, entra: [EntraMessage]) {
            self.status = status
            self.text = text
            self.fix = fix
            self.entra = entra
        }
    }

    /// A check still gathering findings and requests.
    struct OpenCheck {
        var kind: VerificationCheck.Kind
        var findings: [Finding] = []
        var requests: [VerificationCheck.Request] = []

        var check: VerificationCheck {
            let worst = findings.max { $0.status < $1.status }
            return VerificationCheck(
                kind, worst?.status ?? .skip, findings.map(\.text).joined(separator: "; "),
                fix: worst?.fix, entra: worst?.entra ?? [], requests: requests)
        }
    }

    // MARK: Reading answers

    /// A 200 answer's object, if it is one.
    static func resource(_ exchange: SCIMExchange) -> JSONValue? {
        guard let response = exchange.response, response.status == 200,
            let body = JSONValue.parse(response.body), case .object = body
        else { return nil }
        return body
    }

    /// The resources of a 200 ListResponse, if it is one.
    static func list(_ exchange: SCIMExchange) -> [JSONValue]? {
        guard let body = resource(exchange), body.schemas.contains(SCIMVerifier.listResponse)
        else { return nil }
        let resources = body["Resources"]?.array ?? []
        if resources.isEmpty, let total = body["totalResults"]?.integer, total > 0 {
            return Array(repeating: .object([:]), count: min(total, 100))
        }
        return resources
    }

    /// What came back, in a few words: `HTTP 404`, `no answer`.
    static func describe(_ exchange: SCIMExchange) -> String {
        guard let response = exchange.response else { return "no answer" }
        return "HTTP \(response.status)\(SCIMVerifier.errorDetail(of: response))"
    }
}
