import Foundation
import RunbookKit

extension SCIMRehearsal {
    /// The rehearsal's requests, in the shapes Entra sends: the bodies of Learn's SCIM tutorial
    /// (*Tutorial: Develop and plan provisioning for a SCIM endpoint*, "User Operations"), and for
    /// PATCH the two forms of *Known issues and resolutions with SCIM 2.0 protocol compliance*.
    struct Requests {
        let endpoint: SCIMEndpoint
        let token: SCIMToken
        let userName: String
        /// The user's `externalId`, which Entra's default mappings fill from `mailNickname`.
        let externalID: String

        static let givenName = "Runbook"
        static let familyName = "Rehearsal"

        /// The family name a PATCH in that dialect sets, which reading the user back looks for.
        static func familyName(after dialect: StateMachine.Dialect) -> String {
            switch dialect {
            case .entra: "Rehearsal-default"
            case .rfc: "Rehearsal-aadOptscim062020"
            }
        }

        func request(for step: StateMachine.Step, userID: String?) -> SCIMRequest {
            let user = url(userID: userID)
            switch step {
            case .lookUp, .readByQuery, .queryDisabled, .findCreated:
                return SCIMRequest(url: endpoint.url("/Users", query: [("filter", "userName eq \"\(userName)\"")]), token: token)
            case .create:
                return SCIMRequest(.post, url: endpoint.url("/Users"), token: token, body: createBody)
            case .readByID, .readUpdate, .readDisabled, .readDeleted:
                return SCIMRequest(url: user, token: token)
            case .update(let dialect):
                return SCIMRequest(.patch, url: user, token: token, body: updateBody(dialect))
            case .disable(.entra):
                return SCIMRequest(
                    .patch, url: user, token: token, body: Self.patch(#"{"op":"Replace","path":"active","value":"False"}"#))
            case .disable(.rfc):
                return SCIMRequest(
                    .patch, url: user, token: token, body: Self.patch(#"{"op":"replace","path":"active","value":false}"#))
            case .enable:
                // The rehearsal's own request, between its two disables; Learn shows none that re-enables.
                return SCIMRequest(
                    .patch, url: user, token: token, body: Self.patch(#"{"op":"replace","path":"active","value":true}"#))
            case .delete, .remove:
                return SCIMRequest(.delete, url: user, token: token)
            }
        }

        /// The user's URL: its `id` as one percent-encoded path segment, so no answer can point
        /// a request at another resource.
        func url(userID: String?) -> String {
            endpoint.url("/Users/\(SCIMEndpoint.percentEncoded(userID ?? ""))")
        }

        /// A command that removes the user, for when the rehearsal could not; the token stays in
        /// the environment.
        func removalCommand(userID: String) -> String {
            "curl -X DELETE -H \"Authorization: Bearer $\(SCIMToken.environmentVariable)\" \(url(userID: userID).shellQuoted)"
        }

        /// Learn's Create User request, with the rehearsal's values.
        private var createBody: [UInt8] {
            let email = userName.jsonLiteral
            return Array(
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],\
                "externalId":\(externalID.jsonLiteral),"userName":\(email),"active":true,\
                "emails":[{"primary":true,"type":"work","value":\(email)}],"meta":{"resourceType":"User"},\
                "name":{"formatted":"\(Self.givenName) \(Self.familyName)","familyName":"\(Self.familyName)","givenName":"\(Self.givenName)"},\
                "roles":[]}
                """.utf8)
        }

        /// Learn's request to replace several attributes: without the flag one `Replace` per
        /// attribute, each with a `path`; with it `replace`, and one without `path` whose value
        /// holds the attributes.
        private func updateBody(_ dialect: StateMachine.Dialect) -> [UInt8] {
            let email = userName.jsonLiteral
            let familyName = Self.familyName(after: dialect)
            switch dialect {
            case .entra:
                return Self.patch(
                    #"{"op":"Replace","path":"emails[type eq \"work\"].value","value":\#(email)},"#
                        + #"{"op":"Replace","path":"name.givenName","value":"\#(Self.givenName)"},"#
                        + #"{"op":"Replace","path":"name.familyName","value":"\#(familyName)"}"#)
            case .rfc:
                return Self.patch(
                    #"{"op":"replace","path":"emails[type eq \"work\"].value","value":\#(email)},"#
                        + #"{"op":"replace","value":{"name.givenName":"\#(Self.givenName)","name.familyName":"\#(familyName)"}}"#)
            }
        }

        private static func patch(_ operations: String) -> [UInt8] {
            Array(#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[\#(operations)]}"#.utf8)
        }
    }
}
