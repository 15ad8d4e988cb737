/// TOML's unquoted values, checked against the 1.0 grammar: booleans, integers (decimal, `0x`,
/// `0o`, `0b`, underscores between digits), floats (with `inf` and `nan`), and the four date and
/// time forms (kept as `.other`, since no Limn setting takes one).
enum TOMLScalar {
    struct Invalid: Error {
        var message: String
    }

    /// The value `token` spells, or why it spells none.
    static func parse(_ token: ArraySlice<UInt8>) throws(Invalid) -> TOMLNode {
        let text = String(decoding: token, as: UTF8.self)
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "inf", "+inf": return .double(.infinity)
        case "-inf": return .double(-.infinity)
        case "nan", "+nan", "-nan": return .double(.nan)
        default: break
        }
        let bytes = Array(token)
        if let date = dateTime(bytes) { return .other(date) }
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), let radix = radix(of: bytes[1]) {
            return try prefixedInteger(Array(bytes[2...]), radix: radix, text: text)
        }
        var j = 0
        if j < bytes.count, bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-") { j += 1 }
        let integerStart = j
        guard digits(bytes, &j, radix: 10) else { throw notAValue(text) }
        if bytes[integerStart] == UInt8(ascii: "0"), j - integerStart > 1 {
            throw Invalid(message: "'\(text)' has a leading zero, which TOML does not allow")
        }
        if j == bytes.count {
            guard let value = Int(String(decoding: bytes.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)) else {
                throw Invalid(message: "\(text) is out of range for a 64-bit integer")
            }
            return .int(value)
        }
        var isFloat = false
        if bytes[j] == UInt8(ascii: ".") {
            j += 1
            guard digits(bytes, &j, radix: 10) else { throw Invalid(message: "'\(text)': a decimal point needs digits on both sides") }
            isFloat = true
        }
        if j < bytes.count, bytes[j] | 0x20 == UInt8(ascii: "e") {
            j += 1
            if j < bytes.count, bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-") { j += 1 }
            guard digits(bytes, &j, radix: 10) else { throw Invalid(message: "'\(text)': an exponent needs digits") }
            isFloat = true
        }
        guard isFloat, j == bytes.count, let value = Double(String(decoding: bytes.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)) else {
            throw notAValue(text)
        }
        return .double(value)
    }

    /// Whether `token` is exactly a date, `YYYY-MM-DD`, which a space and a time may follow.
    static func isDate(_ token: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(token)
        var j = 0
        return fullDate(bytes, &j) && j == bytes.count
    }

    private static func notAValue(_ text: String) -> Invalid {
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        return Invalid(message: "'\(shown)' is not a TOML value; a string needs quotes, as in \"\(shown)\"")
    }

    private static func radix(of c: UInt8) -> Int? {
        switch c {
        case UInt8(ascii: "x"): 16
        case UInt8(ascii: "o"): 8
        case UInt8(ascii: "b"): 2
        default: nil
        }
    }

    private static func prefixedInteger(_ bytes: [UInt8], radix: Int, text: String) throws(Invalid) -> TOMLNode {
        var j = 0
        guard digits(bytes, &j, radix: radix), j == bytes.count else { throw notAValue(text) }
        guard let value = Int(String(decoding: bytes.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self), radix: radix) else {
            throw Invalid(message: "\(text) is out of range for a 64-bit integer")
        }
        return .int(value)
    }

    /// One or more digits of `radix`, single underscores allowed between digits.
    private static func digits(_ bytes: [UInt8], _ j: inout Int, radix: Int) -> Bool {
        guard j < bytes.count, isDigit(bytes[j], radix: radix) else { return false }
        j += 1
        while j < bytes.count {
            if isDigit(bytes[j], radix: radix) {
                j += 1
            } else if bytes[j] == UInt8(ascii: "_"), j + 1 < bytes.count, isDigit(bytes[j + 1], radix: radix) {
                j += 2
            } else {
                break
            }
        }
        return true
    }

    private static func isDigit(_ c: UInt8, radix: Int) -> Bool {
        switch radix {
        case 16: TOMLParser.isDigit(c) || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "f"))
        case 8: c >= UInt8(ascii: "0") && c <= UInt8(ascii: "7")
        case 2: c == UInt8(ascii: "0") || c == UInt8(ascii: "1")
        default: TOMLParser.isDigit(c)
        }
    }

    // MARK: - Dates and times (RFC 3339 as TOML 1.0 takes it)

    /// `date`, `time` or `date-time` when `bytes` is one of TOML's date and time forms.
    private static func dateTime(_ bytes: [UInt8]) -> String? {
        var j = 0
        if fullDate(bytes, &j) {
            if j == bytes.count { return "date" }
            guard [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[j]) else { return nil }
            j += 1
            guard partialTime(bytes, &j) else { return nil }
            if j == bytes.count { return "date-time" }
            if bytes[j] | 0x20 == UInt8(ascii: "z") {
                return j + 1 == bytes.count ? "date-time" : nil
            }
            guard bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-") else { return nil }
            j += 1
            guard number(bytes, &j, count: 2, max: 23), colon(bytes, &j), number(bytes, &j, count: 2, max: 59) else { return nil }
            return j == bytes.count ? "date-time" : nil
        }
        j = 0
        return partialTime(bytes, &j) && j == bytes.count ? "time" : nil
    }

    private static func fullDate(_ bytes: [UInt8], _ j: inout Int) -> Bool {
        let start = j
        guard number(bytes, &j, count: 4, max: 9999), dash(bytes, &j), number(bytes, &j, count: 2, max: 12),
              dash(bytes, &j), number(bytes, &j, count: 2, max: 31) else { return false }
        let year = value(bytes[start..<start + 4]), month = value(bytes[start + 5..<start + 7]), day = value(bytes[start + 8..<start + 10])
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return month >= 1 && day >= 1 && day <= days[month - 1]
    }

    /// `HH:MM:SS` with an optional fraction.
    private static func partialTime(_ bytes: [UInt8], _ j: inout Int) -> Bool {
        guard number(bytes, &j, count: 2, max: 23), colon(bytes, &j), number(bytes, &j, count: 2, max: 59),
              colon(bytes, &j), number(bytes, &j, count: 2, max: 59) else { return false }
        if j < bytes.count, bytes[j] == UInt8(ascii: ".") {
            j += 1
            let start = j
            while j < bytes.count, TOMLParser.isDigit(bytes[j]) { j += 1 }
            return j > start
        }
        return true
    }

    private static func number(_ bytes: [UInt8], _ j: inout Int, count: Int, max: Int) -> Bool {
        guard j + count <= bytes.count, bytes[j..<j + count].allSatisfy(TOMLParser.isDigit), value(bytes[j..<j + count]) <= max else {
            return false
        }
        j += count
        return true
    }

    private static func value(_ digits: ArraySlice<UInt8>) -> Int {
        digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    private static func dash(_ bytes: [UInt8], _ j: inout Int) -> Bool { expect(UInt8(ascii: "-"), bytes, &j) }
    private static func colon(_ bytes: [UInt8], _ j: inout Int) -> Bool { expect(UInt8(ascii: ":"), bytes, &j) }

    private static func expect(_ c: UInt8, _ bytes: [UInt8], _ j: inout Int) -> Bool {
        guard j < bytes.count, bytes[j] == c else { return false }
        j += 1
        return true
    }
}
