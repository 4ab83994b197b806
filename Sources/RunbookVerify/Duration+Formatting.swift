import Foundation

extension Duration {
    /// The duration in milliseconds.
    var milliseconds: Double {
        Double(components.seconds) * 1_000 + Double(components.attoseconds) / 1e15
    }

    /// Milliseconds under a second (`48 ms`), seconds with at most one decimal above (`1.2 s`, `10 s`).
    var formatted: String { Self.format(milliseconds: milliseconds) }

    /// Formats a number of milliseconds as ``formatted`` does.
    static func format(milliseconds: Double) -> String {
        if milliseconds < 1_000 { return "\(Int(milliseconds.rounded())) ms" }
        let tenths = (milliseconds / 100).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? "\(Int(tenths / 10)) s" : "\(tenths / 10) s"
    }
}
