import Foundation
import Testing

@testable import RunbookKit

@Suite("Publication date")
struct PublicationDateTests {
    @Test(
        "is the UTC day of an instant",
        arguments: [
            (Int64(0), "1970-01-01"),
            (86_399, "1970-01-01"),
            (86_400, "1970-01-02"),
            (-1, "1969-12-31"),
            (951_782_400, "2000-02-29"),
            (1_764_374_400, "2025-11-29"),
            (1_795_910_399, "2026-11-28"),
            (253_402_300_799, "9999-12-31"),
        ])
    func day(seconds: Int64, expected: String) {
        #expect(PublicationDate(secondsSince1970: seconds).description == expected)
    }

    @Test("comes from SOURCE_DATE_EPOCH when it is set")
    func sourceDateEpoch() throws {
        let date = try PublicationDate(environment: ["SOURCE_DATE_EPOCH": "951782400"], now: Date(timeIntervalSince1970: 0))
        #expect(date.description == "2000-02-29")
    }

    @Test("comes from the clock otherwise")
    func clock() throws {
        #expect(
            try PublicationDate(environment: [:], now: Date(timeIntervalSince1970: 1_764_374_400)).description == "2025-11-29")
    }

    @Test(
        "refuses a SOURCE_DATE_EPOCH that is not whole seconds",
        arguments: ["", "now", "1.5", "-1", " 1", "1e9", "99999999999999999999", "253402300800"])
    func invalid(value: String) {
        let error = #expect(throws: RunbookError.self) {
            try PublicationDate(environment: ["SOURCE_DATE_EPOCH": value], now: Date())
        }
        #expect(error?.code == .invalidSourceDateEpoch)
        #expect(error?.message.contains("SOURCE_DATE_EPOCH is ‘\(value)’") == true)
    }
}
