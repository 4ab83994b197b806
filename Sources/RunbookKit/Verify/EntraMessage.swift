/// What Entra shows on *Test Connection* for a fault, so support staff can match what a
/// customer reports (REFERENCE.md, "Entra side").
enum EntraMessage {
    /// Shown for almost any answer that is not success: 401, 403, 404, 501.
    static let invalidCredentials = "You appear to have entered invalid credentials. Please confirm you are using "
        + "the correct information for an administrative account."

    /// Shown when the request got no answer at all: DNS, TLS, a firewall.
    static let noAnswer = "An error occurred while sending the request (CredentialValidationUnavailable)."

    /// For a 200 answer Entra rejects; the message is not documented.
    static let testConnectionFails = "Test Connection fails."
}
