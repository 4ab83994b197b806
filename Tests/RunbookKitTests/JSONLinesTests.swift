import Foundation
import Testing

@testable import RunbookKit

/// The pipe between a batch and its workers: what one end writes, the other reads back, however
/// the bytes arrive.
@Suite("JSON lines between a batch and its workers")
struct JSONLinesTests {
    typealias Job = BatchWorkers.Job

    static let jobs = [
        Job(row: 2, region: "us-1", tenant: "16f982b7-17fa-4c6c-a17b-9e7e018d42c0", customer: "Contoso \"EU\"\n", email: nil),
        Job(row: 3, region: "uk-1", tenant: "0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11", customer: nil, email: "it@contoso.example"),
    ]

    static func rows(_ jobs: [Job]) -> [Int] { jobs.map(\.row) }

    @Test("each message is one line, and reads back whole", arguments: [1, 2, 7, 1_000])
    func roundTrip(chunkSize: Int) {
        let bytes = Data(Self.jobs.map(JSONLines.line(for:)).joined())
        #expect(bytes.filter { $0 == UInt8(ascii: "\n") }.count == Self.jobs.count)
        var reader = JSONLines.Reader<Job>()
        var read: [Job] = []
        for start in stride(from: 0, to: bytes.count, by: chunkSize) {
            read += reader.lines(in: bytes[start..<min(start + chunkSize, bytes.count)]).compactMap { $0 }
        }
        #expect(Self.rows(read) == [2, 3])
        #expect(read.first?.customer == "Contoso \"EU\"\n")
        #expect(read.last?.email == "it@contoso.example")
    }

    @Test("a line that is not a message reads as nil, in its place; a partial line waits for its end")
    func garbage() {
        var reader = JSONLines.Reader<Job>()
        let line = JSONLines.line(for: Self.jobs[0])
        let unreadable = reader.lines(in: Data("not json\n{\"row\":\n".utf8))
        #expect(unreadable.count == 2 && unreadable.allSatisfy { $0 == nil })
        #expect(reader.lines(in: line.prefix(10)).isEmpty)
        #expect(Self.rows(reader.lines(in: line.dropFirst(10)).compactMap { $0 }) == [2])
    }
}
