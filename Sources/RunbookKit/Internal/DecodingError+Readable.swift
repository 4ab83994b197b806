extension DecodingError {
    /// The error as a short phrase: where, and what.
    var readable: String {
        switch self {
        case .keyNotFound(let key, let context): "\(context.place)it has no \"\(key.stringValue)\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context): "\(context.place)\(context.debugDescription)"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            "it is not valid JSON (\(context.underlyingError.map { "\($0)" } ?? context.debugDescription))"
        case .dataCorrupted(let context): "\(context.place)\(context.debugDescription)"
        @unknown default: "\(self)"
        }
    }
}

extension DecodingError.Context {
    var place: String {
        let path = codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? "" : "at \(path) "
    }
}
