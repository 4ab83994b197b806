import Foundation

extension JSONEncoder {
    /// The encoder of every JSON document `runbook` writes: keys sorted and slashes left alone,
    /// so the same value always gives the same bytes, and URLs read as URLs; `pretty` for the
    /// documents people read.
    public static func runbook(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
