import Foundation

/// A SCIM service that keeps users in memory and applies both of Entra's PATCH forms, behind
/// ``FakeHTTPServer``: the healthy peer that the rehearsal's fault tests break one answer at a
/// time. Its quirks are switches; any answer can be replaced outright with `override`.
final class SCIMDirectory: @unchecked Sendable {
    static let token = "directory-token-Vq7Lm2"
    static let errorSchema = "urn:ietf:params:scim:api:messages:2.0:Error"

    /// Switches for the faults that need the directory's state.
    struct Quirks: Sendable {
        /// The status of a successful create.
        var createStatus = 201
        /// Whether a create's answer leaves out the `id`.
        var createOmitsID = false
        /// Whether a disabled user is no longer returned, by id or by query.
        var hidesDisabled = false
        /// Whether a query returns each match twice.
        var duplicatesInQuery = false
    }

    private let lock = NSLock()
    private var users: [String: [String: Any]] = [:]
    private var counter = 0
    private let quirks: Quirks
    private let override: @Sendable (FakeHTTPServer.Request) -> FakeHTTPServer.Behavior?

    init(
        quirks: Quirks = Quirks(),
        override: @escaping @Sendable (FakeHTTPServer.Request) -> FakeHTTPServer.Behavior? = { _ in nil }
    ) {
        self.quirks = quirks
        self.override = override
    }

    /// The users it holds, by `userName`.
    var userNames: [String] { lock.withLock { users.values.compactMap { $0["userName"] as? String }.sorted() } }

    /// Adds a user directly, as if someone had created it earlier.
    func seed(userName: String) {
        lock.withLock {
            counter += 1
            users["seeded\(counter)"] = ["id": "seeded\(counter)", "userName": userName, "active": true]
        }
    }

    /// The server's handler.
    var handler: @Sendable (FakeHTTPServer.Request) -> FakeHTTPServer.Behavior {
        { request in
            if let behavior = self.override(request) { return behavior }
            guard request.header("Authorization") == "Bearer \(Self.token)" else { return Self.error(401) }
            return self.lock.withLock { self.answer(request) }
        }
    }

    private func answer(_ request: FakeHTTPServer.Request) -> FakeHTTPServer.Behavior {
        let parts = request.uri.split(separator: "?", maxSplits: 1)
        let path = String(parts[0]).removingPercentEncoding ?? String(parts[0])
        let query = parts.count > 1 ? String(parts[1]).removingPercentEncoding ?? "" : ""
        let segments = path.split(separator: "/").map(String.init)
        guard let index = segments.firstIndex(of: "Users") else {
            if segments.last == "Groups" { return Self.list([]) }
            return Self.error(404)
        }
        let id = index + 1 < segments.count ? segments[index + 1] : nil
        switch (request.method, id) {
        case ("GET", nil):
            let name = query.firstMatch(of: /userName eq "([^"]*)"/).map { String($0.1).lowercased() }
            var found = users.values.filter { user in
                name.map { ($0 == (user["userName"] as? String)?.lowercased()) } ?? true
            }
            .filter { !quirks.hidesDisabled || $0["active"] as? Bool != false }
            if quirks.duplicatesInQuery { found += found }
            return Self.list(found)
        case ("POST", nil):
            guard let body = Self.object(request.body), let userName = body["userName"] as? String else { return Self.error(400) }
            guard !users.values.contains(where: { ($0["userName"] as? String)?.lowercased() == userName.lowercased() }) else {
                return Self.error(409, scimType: "uniqueness")
            }
            counter += 1
            var user = body
            user["id"] = "u\(counter)"
            users["u\(counter)"] = user
            if quirks.createOmitsID { user["id"] = nil }
            return Self.json(quirks.createStatus, user)
        case (let method, let id?):
            guard var user = users[id], !(quirks.hidesDisabled && user["active"] as? Bool == false) else {
                return Self.error(404)
            }
            switch method {
            case "GET":
                return Self.json(200, user)
            case "PATCH":
                guard let operations = Self.object(request.body)?["Operations"] as? [[String: Any]] else {
                    return Self.error(400)
                }
                for operation in operations {
                    guard ["replace", "add"].contains((operation["op"] as? String)?.lowercased()) else { return Self.error(400) }
                    let changes: [String: Any]
                    if let path = operation["path"] as? String {
                        changes = [path: operation["value"] as Any]
                    } else if let values = operation["value"] as? [String: Any] {
                        changes = values
                    } else {
                        return Self.error(400, scimType: "noTarget")
                    }
                    for (path, value) in changes {
                        switch path {
                        case "active":
                            if let flag = value as? Bool, !(value is String) {
                                user["active"] = flag
                            } else if let text = value as? String, ["true", "false"].contains(text.lowercased()) {
                                user["active"] = text.lowercased() == "true"
                            } else {
                                return Self.error(400, scimType: "invalidValue")
                            }
                        case "name.givenName", "name.familyName":
                            var name = user["name"] as? [String: Any] ?? [:]
                            name[String(path.dropFirst(5))] = value
                            user["name"] = name
                        case #"emails[type eq "work"].value"#, "displayName":
                            break
                        default:
                            return Self.error(400, scimType: "invalidPath")
                        }
                    }
                }
                users[id] = user
                return .respond(status: 204, headers: [], body: "")
            case "DELETE":
                users[id] = nil
                return .respond(status: 204, headers: [], body: "")
            default:
                return Self.error(405)
            }
        default:
            return Self.error(405)
        }
    }

    // MARK: Answers

    static func list(_ resources: [[String: Any]]) -> FakeHTTPServer.Behavior {
        json(
            200,
            [
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": resources.count,
                "Resources": resources,
            ])
    }

    static func error(_ status: Int, scimType: String? = nil) -> FakeHTTPServer.Behavior {
        var body: [String: Any] = ["schemas": [errorSchema], "status": String(status)]
        if let scimType { body["scimType"] = scimType }
        return json(status, body)
    }

    static func json(_ status: Int, _ object: [String: Any]) -> FakeHTTPServer.Behavior {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return .json(status, String(decoding: data, as: UTF8.self))
    }

    private static func object(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }
}
