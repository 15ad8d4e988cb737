import Foundation

/// A value as SQLite stores it.
enum SQLiteValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// A Swift value bound to a statement's `?` or read from a result column.
///
/// Reading NULL (or a value of another storage class) into a non-optional gives that type's
/// empty value, never a trap: the history is a file on the user's disk, and a hand-edited or
/// damaged row must not end a run.
protocol SQLiteConvertible {
    var sqliteValue: SQLiteValue { get }
    init(sqliteValue: SQLiteValue)
}

extension Int64: SQLiteConvertible {
    var sqliteValue: SQLiteValue { .integer(self) }
    init(sqliteValue value: SQLiteValue) {
        switch value {
        case .integer(let v): self = v
        case .real(let v): self = Int64(exactly: v.rounded(.towardZero)) ?? 0
        case .text(let t): self = Int64(t) ?? 0
        case .null: self = 0
        }
    }
}

extension Int: SQLiteConvertible {
    var sqliteValue: SQLiteValue { .integer(Int64(self)) }
    init(sqliteValue value: SQLiteValue) { self = Int(truncatingIfNeeded: Int64(sqliteValue: value)) }
}

extension Double: SQLiteConvertible {
    var sqliteValue: SQLiteValue { .real(self) }
    init(sqliteValue value: SQLiteValue) {
        switch value {
        case .integer(let v): self = Double(v)
        case .real(let v): self = v
        case .text(let t): self = Double(t) ?? 0
        case .null: self = 0
        }
    }
}

extension Bool: SQLiteConvertible {
    var sqliteValue: SQLiteValue { .integer(self ? 1 : 0) }
    init(sqliteValue value: SQLiteValue) { self = Int64(sqliteValue: value) != 0 }
}

extension String: SQLiteConvertible {
    var sqliteValue: SQLiteValue { .text(self) }
    init(sqliteValue value: SQLiteValue) {
        switch value {
        case .text(let t): self = t
        case .integer(let v): self = String(v)
        case .real(let v): self = String(v)
        case .null: self = ""
        }
    }
}

extension Date: SQLiteConvertible {
    /// `YYYY-MM-DD HH:MM:SS.SSS` in UTC: what the history has always stored (the format GRDB
    /// writes), which sorts and compares as text.
    var sqliteValue: SQLiteValue { .text(SQLiteDate.text(self)) }
    init(sqliteValue value: SQLiteValue) {
        switch value {
        case .text(let t): self = SQLiteDate.parse(t) ?? Date(timeIntervalSince1970: 0)
        case .integer(let v): self = Date(timeIntervalSince1970: TimeInterval(v))
        case .real(let v): self = Date(timeIntervalSince1970: v)
        case .null: self = Date(timeIntervalSince1970: 0)
        }
    }
}

extension Optional: SQLiteConvertible where Wrapped: SQLiteConvertible {
    var sqliteValue: SQLiteValue { map(\.sqliteValue) ?? .null }
    init(sqliteValue value: SQLiteValue) {
        self = value == .null ? nil : Wrapped(sqliteValue: value)
    }
}

/// The history's date text, written and read without a formatter.
enum SQLiteDate {
    static func text(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        var seconds = time_t(Int64((milliseconds / 1000).rounded(.down)))
        let millis = Int(milliseconds - Double(seconds) * 1000)
        var t = tm()
        gmtime_r(&seconds, &t)
        func pad(_ v: Int32, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(t.tm_year + 1900, 4))-\(pad(t.tm_mon + 1, 2))-\(pad(t.tm_mday, 2)) "
            + "\(pad(t.tm_hour, 2)):\(pad(t.tm_min, 2)):\(pad(t.tm_sec, 2)).\(pad(Int32(millis), 3))"
    }

    /// `YYYY-MM-DD HH:MM[:SS[.fff]]` (or with `T`), read as UTC; nil for anything else.
    static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        func number(_ at: Int, _ count: Int) -> Int32? {
            guard at + count <= b.count else { return nil }
            var v: Int32 = 0
            for c in b[at..<(at + count)] {
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int32(c - 0x30)
            }
            return v
        }
        guard b.count >= 16, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x20 || b[10] == 0x54, b[13] == 0x3A,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2) else { return nil }
        var second: Int32 = 0
        var fraction = 0.0
        if b.count > 16 {
            guard b[16] == 0x3A, let s = number(17, 2) else { return nil }
            second = s
            if b.count > 19 {
                guard b[19] == 0x2E, b.count > 20 else { return nil }
                var scale = 0.1
                for c in b[20...] {
                    guard c >= 0x30 && c <= 0x39 else { return nil }
                    fraction += Double(c - 0x30) * scale
                    scale /= 10
                }
            }
        }
        var t = tm()
        t.tm_year = year - 1900
        t.tm_mon = month - 1
        t.tm_mday = day
        t.tm_hour = hour
        t.tm_min = minute
        t.tm_sec = second
        let seconds = timegm(&t)
        guard seconds != -1 || (year == 1969) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds) + fraction)
    }
}
