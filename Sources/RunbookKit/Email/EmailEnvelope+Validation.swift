extension EmailEnvelope {
    /// The envelope of a draft from what a user typed, the one check of it: every address
    /// parsed, and the customer's name, which goes into the Subject, checked for a header.
    ///
    /// - Throws: `.invalidEmailAddress` or `.invalidHeaderValue`.
    public init(from: String?, to: [String], customer: String?) throws(RunbookError) {
        if let customer { try EmailAddress.checkHeaderValue(customer, field: "the customer name") }
        self.init(
            from: try from.map { address throws(RunbookError) in try EmailAddress(address) },
            to: try to.map { address throws(RunbookError) in try EmailAddress(address) })
    }
}
