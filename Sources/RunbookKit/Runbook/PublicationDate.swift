import Foundation

/// When a runbook is dated, in UTC: `SOURCE_DATE_EPOCH` when it is set, so a build can be
/// reproduced byte for byte, and otherwise the start of the current day, so every run of the
/// same day writes the same bytes.
public struct PublicationDate: Hashable, Sendable, CustomStringConvertible {
    /// The instant, in seconds since 1970-01-01T00:00:00Z: a mail's `Date`.
    public let secondsSince1970: Int64
    /// The calendar year.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month, 1 to 31.
    public let day: Int

    /// The UTC day that contains this many seconds since 1970-01-01T00:00:00Z.
    public init(secondsSince1970 seconds: Int64) {
        secondsSince1970 = seconds
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

    /// `SOURCE_DATE_EPOCH` from `environment` when it is set, else the start of `now`'s UTC day.
    ///
    /// - Throws: `.invalidSourceDateEpoch` when the variable is set but is not a whole number of
    ///   seconds, as the reproducible-builds specification requires.
    public init(environment: [String: String], now: Date) throws(RunbookError) {
        guard let text = environment["SOURCE_DATE_EPOCH"] else {
            let seconds = Int64(now.timeIntervalSince1970.rounded(.down))
            self.init(secondsSince1970: seconds - ((seconds % 86_400) + 86_400) % 86_400)
            return
        }
        guard !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let seconds = Int64(text), seconds <= 253_402_300_799
        else {
            throw RunbookError(
                .invalidSourceDateEpoch,
                "SOURCE_DATE_EPOCH is \(text.quotedForMessage()), which is "
                    + "not a whole number of seconds since 1970 up to the year 9999. Set it to a value such as "
                    + "$(git log -1 --format=%ct), or unset it to date runbooks today.")
        }
        self.init(secondsSince1970: seconds)
    }

    /// ISO 8601: `2026-11-29`.
    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// RFC 5322, for a mail's `Date`: `Sun, 29 Nov 2026 00:00:00 +0000`.
    public var rfc5322: String {
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let days = secondsSince1970 >= 0 ? secondsSince1970 / 86_400 : (secondsSince1970 - 86_399) / 86_400
        let second = Int(secondsSince1970 - days * 86_400)
        let weekday = weekdays[Int(((days % 7) + 7) % 7)]
        let time = String(format: "%02d:%02d:%02d", second / 3_600, second / 60 % 60, second % 60)
        return "\(weekday), \(String(format: "%02d", day)) \(months[month - 1]) \(String(format: "%04d", year)) \(time) +0000"
    }
}
