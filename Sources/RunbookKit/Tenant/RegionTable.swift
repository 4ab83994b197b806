import Foundation

/// The aiWARE environments `runbook` knows, in the order they are listed.
///
/// The table is data: `Templates/regions.json` ships the built-in regions, and a regions file of
/// the same shape can add on-premises hosts for one run. A host is accepted only when it is
/// exactly a listed host; there is no suffix, look-alike or IP-address matching.
public struct RegionTable: Hashable, Sendable {
    /// The regions in file order.
    public private(set) var regions: [Region]

    /// Creates a table from regions that are already known to be valid and distinct.
    public init(_ regions: [Region]) {
        self.regions = regions
    }

    /// Reads a table from the JSON of a regions file.
    ///
    /// The shape is `{"regions": [{"key": "us-1", "host": "api.us-1.veritone.com", "name": "…"}]}`;
    /// `name` is optional. Every key and host is checked, and `path` names the file in errors.
    public init(json: Data, path: String) throws(RunbookError) {
        struct File: Decodable {
            struct Entry: Decodable {
                var key: String
                var host: String
                var name: String?
            }
            var regions: [Entry]
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: json)
        } catch {
            throw RunbookError(
                .invalidRegions,
                "\(path) is not a regions file: \(Self.describe(error)). "
                    + #"Write {"regions": [{"key": "onprem", "host": "api.example.com", "name": "…"}]}."#)
        }
        var table = RegionTable([])
        for entry in file.regions {
            let region = Region(
                key: entry.key.asciiLowercased(), host: entry.host.asciiLowercased(),
                name: entry.name ?? entry.key)
            try Self.validate(region, in: path)
            try table.insert(region, from: path)
        }
        self = table
    }

    /// Reads a regions file from disk.
    public init(contentsOf url: URL) throws(RunbookError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw RunbookError(
                .invalidRegions,
                "cannot read the regions file \(url.path): \(error.localizedDescription). "
                    + "Check the path and that the file is readable.")
        }
        try self.init(json: data, path: url.path)
    }

    /// The region with this key, compared without regard to ASCII case.
    public func region(forKey key: some StringProtocol) -> Region? {
        let key = key.asciiLowercased()
        return regions.first { $0.key == key }
    }

    /// The region whose API host is exactly this lower-case host.
    public func region(forHost host: String) -> Region? {
        regions.first { $0.host == host }
    }

    /// Adds the regions of `other` that this table does not already hold, returning them marked
    /// as on-premises installs.
    ///
    /// A key or host that `other` defines differently is an error, and then nothing is added: a
    /// regions file may add environments, never silently redefine one.
    @discardableResult
    public mutating func add(_ other: RegionTable, from path: String) throws(RunbookError) -> [Region] {
        var table = self
        let added = other.regions.filter { !regions.contains($0) }.map { region in
            var region = region
            region.isOnPremises = true
            return region
        }
        for region in added {
            try table.insert(region, from: path)
        }
        self = table
        return added
    }

    /// A list of the known regions for messages: `us-1 (api.us-1.veritone.com), …`.
    var summary: String {
        regions.map { "\($0.key) (\($0.host))" }.joined(separator: ", ")
    }

    private mutating func insert(_ region: Region, from path: String) throws(RunbookError) {
        if let existing = self.region(forKey: region.key), existing != region {
            throw RunbookError(
                .invalidRegions,
                "\(path) defines region \(region.key) as \(region.host), "
                    + "but it is already \(existing.host). Give the on-premises region a key of its own.")
        }
        if let existing = self.region(forHost: region.host), existing != region {
            throw RunbookError(
                .invalidRegions,
                "\(path) lists host \(region.host) as region \(region.key), "
                    + "but it already belongs to region \(existing.key). List each host once.")
        }
        if !regions.contains(region) { regions.append(region) }
    }

    private static func validate(_ region: Region, in path: String) throws(RunbookError) {
        let keyCharacters = region.key.utf8.allSatisfy {
            $0.isASCIILowercaseLetterOrDigit || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
        }
        guard !region.key.isEmpty, keyCharacters else {
            throw RunbookError(
                .invalidRegions,
                "\(path) has the region key \(region.key.quotedForMessage()), "
                    + "which is not a key. Use lower-case letters, digits, dots and hyphens, such as onprem-1.")
        }
        guard isHostName(region.host) else {
            throw RunbookError(
                .invalidRegions,
                "\(path) gives region \(region.key) the host "
                    + "\(region.host.quotedForMessage()), which is not a DNS host name. Give the API host alone, "
                    + "such as api.example.com: no scheme, port, path or IP address.")
        }
    }

    /// A DNS name of at least two labels whose last label is not numeric, so never an IP address.
    private static func isHostName(_ host: String) -> Bool {
        let labels = host.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard host.utf8.count <= 253, labels.count >= 2,
            let last = labels.last, !last.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.count)
                && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
                && label.allSatisfy { $0.isASCIILowercaseLetterOrDigit || $0 == UInt8(ascii: "-") }
        }
    }

    private static func describe(_ error: any Error) -> String {
        (error as? DecodingError)?.readable ?? "\(error)"
    }
}
