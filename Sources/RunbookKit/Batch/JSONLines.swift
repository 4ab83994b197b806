import Foundation

/// One JSON document per line: the format of the pipe between a batch and its worker
/// processes, written and read by this one type at both ends.
enum JSONLines {
    /// The line for a value, newline included. The pipe's messages hold strings and numbers,
    /// which always encode.
    static func line(for value: some Encodable) -> Data {
        try! JSONEncoder.runbook().encode(value) + Data("\n".utf8)
    }

    /// Reads messages from bytes as they arrive, in any chunks: each whole line is one message,
    /// and a partial line waits for the rest.
    struct Reader<Message: Decodable> {
        private let decoder = JSONDecoder()
        private var buffer = Data()

        /// The message of every line that `chunk` completes, in order; `nil` for a line that is
        /// not a message, which the reader's owner decides what to make of.
        mutating func lines(in chunk: Data) -> [Message?] {
            buffer += chunk
            var messages: [Message?] = []
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                messages.append(try? decoder.decode(Message.self, from: buffer[buffer.startIndex..<newline]))
                buffer = buffer[buffer.index(after: newline)...]
            }
            return messages
        }
    }
}
