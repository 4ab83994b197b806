/// An aiWARE environment: a short key such as `us-1` and the API host that serves it.
public struct Region: Hashable, Sendable {
    /// The region key, lower-case, as support staff write it: `us-1`, `uk-1`, `stage.us-1`.
    public let key: String
    /// The API host, lower-case, without a port: `api.us-1.veritone.com`.
    public let host: String
    /// A human name for the environment, such as "United States (production)".
    public let name: String

    /// Creates a region. The table that holds it validates the values.
    public init(key: String, host: String, name: String) {
        self.key = key
        self.host = host
        self.name = name
    }
}
