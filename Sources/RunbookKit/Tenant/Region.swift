/// An aiWARE environment: a short key such as `us-1` and the API host that serves it.
public struct Region: Hashable, Sendable {
    /// The region key, lower-case, as support staff write it: `us-1`, `uk-1`, `stage.us-1`.
    public let key: String
    /// The API host, lower-case, without a port: `api.us-1.veritone.com`.
    public let host: String
    /// A human name for the environment, such as "United States (production)".
    public let name: String
    /// Whether the region is an on-premises install, added with a regions file, rather than one
    /// Veritone hosts. Entra must reach its host from Microsoft's cloud, which the runbook says.
    public var isOnPremises: Bool

    /// Creates a region. The table that holds it validates the values.
    public init(key: String, host: String, name: String, isOnPremises: Bool = false) {
        self.key = key
        self.host = host
        self.name = name
        self.isOnPremises = isOnPremises
    }
}
