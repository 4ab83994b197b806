import Foundation

/// The day a runbook is dated, in UTC: from `SOURCE_DATE_EPOCH` when it is set, so a build can
/// be reproduced byte for byte, and from the clock otherwise.
public struct PublicationDate: Hashable, Sendable, CustomStringConvertible {
    /// The calendar year.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month, 1 to 31.
    public let day: Int

    /// The UTC day that contains this many seconds since 1970-01-01T00:00:00Z.
    public init(secondsSince1970 seconds: Int64) {
        // Howard Hinnant's days_from_civil, inverted: exact for every proleptic Gregorian day.
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = Int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
        month = Int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9)
        year = Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))
    }

    /// The date from `SOURCE_DATE_EPOCH` in `environment` when it is set, else the day of `now`.
    ///
    /// - Throws: `.invalidSourceDateEpoch` when the variable is set but is not a whole number of
    ///   seconds, as the reproducible-builds specification requires.
    public init(environment: [String: String], now: Date) throws(RunbookError) {
        guard let text = environment["SOURCE_DATE_EPOCH"] else {
            self.init(secondsSince1970: Int64(now.timeIntervalSince1970.rounded(.down)))
            return
        }
        guard !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let seconds = Int64(text), seconds <= 253_402_300_799
        else {
            throw RunbookError(.invalidSourceDateEpoch, "SOURCE_DATE_EPOCH is \(text.quotedForMessage()), which is "
                + "not a whole number of seconds since 1970 up to the year 9999. Set it to a value such as "
                + "$(git log -1 --format=%ct), or unset it to date runbooks today.")
        }
        self.init(secondsSince1970: seconds)
    }

    /// ISO 8601: `2026-11-29`.
    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }
}
