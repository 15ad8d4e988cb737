import Foundation

extension JSONValue {
    /// Parses one JSON document (RFC 8259) from `data`: integers that fit `Int64` stay `.int`,
    /// object keys keep their order (a repeated key keeps its first position and last value).
    /// Invalid UTF-8 inside strings is repaired with U+FFFD rather than rejected, and one trailing
    /// comma before `]` or `}` is accepted (as Foundation's reader does; templated router answers
    /// carry them).
    ///
    /// With `spansFrom`, a string value (not a key) of at least that many bytes that is plain
    /// ASCII without escapes becomes a `.span` sharing `data`'s storage instead of a `String`
    /// copy: a response's megabytes of base64 are then decoded straight from the body.
    ///
    /// `lifted` holds string values decoded from base64 while the body arrived, by the offset of
    /// the `""` left in their place (`ResponseBodyCollector`): each becomes a span of its bytes.
    /// - Throws: `JSONParseError` saying whether the input is truncated or invalid, and at which byte.
    public static func parse(_ data: Data, maxDepth: Int = 512, spansFrom minimum: Int? = nil,
                             lifted: [Int: Data] = [:]) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = data.withUnsafeBytes { raw in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress, raw.count > 0 else {
                return .failure(JSONParseError(.truncated, at: 0, "the input is empty"))
            }
            var parser = JSONParser(base: base, count: raw.count, maxDepth: maxDepth)
            if let minimum { parser.spans = (source: data, minimum: max(minimum, 1)) }
            parser.lifted = lifted
            do throws(JSONParseError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses a JSON document held in a string.
    public static func parse(_ text: String, maxDepth: Int = 512) throws(JSONParseError) -> JSONValue {
        try parse(Data(text.utf8), maxDepth: maxDepth)
    }
}

/// A recursive-descent parser over raw bytes. Plain string runs are found word-at-a-time and
/// decoded in one call, so a 20 MB base64 member costs about one pass over its bytes.
struct JSONParser {
    let base: UnsafePointer<UInt8>
    let count: Int
    let maxDepth: Int
    var pos = 0
    var depth = 0
    /// The document and the length from which string values become spans of it (none: all `String`s).
    var spans: (source: Data, minimum: Int)?
    /// Decoded base64 values by the offset of the `""` standing for each.
    var lifted: [Int: Data] = [:]

    init(base: UnsafePointer<UInt8>, count: Int, maxDepth: Int) {
        self.base = base
        self.count = count
        self.maxDepth = maxDepth
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { pos = 3 }  // UTF-8 byte order mark
        skipWhitespace()
        guard pos < count else { throw truncated("the input holds only whitespace") }
        let value = try parseValue()
        skipWhitespace()
        if pos < count { throw invalid("unexpected \(found()) after the end of the JSON value") }
        return value
    }

    // MARK: - Values

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard pos < count else { throw truncated("expected a value") }
        switch base[pos] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""):
            if !lifted.isEmpty, pos + 1 < count, base[pos + 1] == UInt8(ascii: "\""), let bytes = lifted[pos] {
                pos += 2
                return .span(JSONSpan(base64Of: bytes))
            }
            if let span = spanAtString() { return .span(span) }
            return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw invalid("expected a value, found \(found())")
        }
    }

    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        let start = pos
        try enter()
        pos += 1
        var entries: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if pos < count, base[pos] == UInt8(ascii: "}") {
            pos += 1
            depth -= 1
            return .object(JSONObject(uniqueEntries: entries))
        }
        while true {
            skipWhitespace()
            guard pos < count else { throw truncated("inside the object that starts at byte \(start)") }
            guard base[pos] == UInt8(ascii: "\"") else { throw invalid("expected a string key, found \(found())") }
            let key = try parseString()
            skipWhitespace()
            guard pos < count else { throw truncated("inside the object that starts at byte \(start)") }
            guard base[pos] == UInt8(ascii: ":") else { throw invalid("expected ':' after key \"\(key.prefix(40))\", found \(found())") }
            pos += 1
            skipWhitespace()
            let value = try parseValue()
            entries.append((key: key, value: value))
            skipWhitespace()
            guard pos < count else { throw truncated("inside the object that starts at byte \(start)") }
            switch base[pos] {
            case UInt8(ascii: ","):
                pos += 1
                if closes(UInt8(ascii: "}")) { return .object(JSONObject(uniqueEntries: Self.dedupe(entries))) }
            case UInt8(ascii: "}"):
                pos += 1
                depth -= 1
                return .object(JSONObject(uniqueEntries: Self.dedupe(entries)))
            default: throw invalid("expected ',' or '}' in the object that starts at byte \(start), found \(found())")
            }
        }
    }

    mutating func parseArray() throws(JSONParseError) -> JSONValue {
        let start = pos
        try enter()
        pos += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if pos < count, base[pos] == UInt8(ascii: "]") {
            pos += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard pos < count else { throw truncated("inside the array that starts at byte \(start)") }
            switch base[pos] {
            case UInt8(ascii: ","):
                pos += 1
                if closes(UInt8(ascii: "]")) { return .array(elements) }
            case UInt8(ascii: "]"):
                pos += 1
                depth -= 1
                return .array(elements)
            default: throw invalid("expected ',' or ']' in the array that starts at byte \(start), found \(found())")
            }
        }
    }

    /// After a comma: whether `bracket` follows (a trailing comma), consuming it and leaving
    /// the container if so.
    private mutating func closes(_ bracket: UInt8) -> Bool {
        skipWhitespace()
        guard pos < count, base[pos] == bracket else { return false }
        pos += 1
        depth -= 1
        return true
    }

    mutating func expectLiteral(_ word: StaticString) throws(JSONParseError) {
        let bytes = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for (i, b) in bytes.enumerated() {
            guard pos + i < count else { throw truncated("inside the literal '\(word)'") }
            guard base[pos + i] == b else {
                pos += i
                throw invalid("expected '\(word)', found \(found())")
            }
        }
        pos += bytes.count
    }

    // MARK: - Numbers

    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = pos
        var isInteger = true
        if base[pos] == UInt8(ascii: "-") { pos += 1 }
        guard pos < count else { throw truncated("inside the number that starts at byte \(start)") }
        if base[pos] == UInt8(ascii: "0") {
            pos += 1
            if pos < count, isDigit(base[pos]) { throw invalid("a number may not have a leading zero") }
        } else if isDigit(base[pos]) {
            skipDigits()
        } else {
            throw invalid("expected a digit, found \(found())")
        }
        if pos < count, base[pos] == UInt8(ascii: ".") {
            isInteger = false
            pos += 1
            try requireDigit(start)
        }
        if pos < count, base[pos] == UInt8(ascii: "e") || base[pos] == UInt8(ascii: "E") {
            isInteger = false
            pos += 1
            if pos < count, base[pos] == UInt8(ascii: "+") || base[pos] == UInt8(ascii: "-") { pos += 1 }
            try requireDigit(start)
        }
        let digits = UnsafeBufferPointer(start: base + start, count: pos - start)
        if isInteger, let value = Self.integer(digits) { return .int(value) }
        let text = String(decoding: digits, as: UTF8.self)
        guard let value = Double(text) else { throw JSONParseError(.invalid, at: start, "unreadable number '\(text.prefix(40))'") }
        // Past ±1.8e308 a double is infinite, which JSON cannot write back: refused, as
        // Foundation refuses it, instead of read as a value no later step can use.
        guard value.isFinite else {
            throw JSONParseError(.invalid, at: start, "the number '\(text.prefix(40))' is outside the range of a double")
        }
        return .double(value)
    }

    private mutating func requireDigit(_ start: Int) throws(JSONParseError) {
        guard pos < count else { throw truncated("inside the number that starts at byte \(start)") }
        guard isDigit(base[pos]) else { throw invalid("expected a digit, found \(found())") }
        skipDigits()
    }

    private mutating func skipDigits() {
        while pos < count, isDigit(base[pos]) { pos += 1 }
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    /// The value of an integer literal, or nil when it does not fit `Int64`.
    static func integer(_ digits: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        let negative = digits.first == UInt8(ascii: "-")
        if negative { i = 1 }
        var value: Int64 = 0
        while i < digits.count {
            let d = Int64(digits[i] &- UInt8(ascii: "0"))
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            value = s
            i += 1
        }
        return value
    }

    // MARK: - Helpers

    mutating func skipWhitespace() {
        while pos < count {
            switch base[pos] {
            case 0x20, 0x0A, 0x0D, 0x09: pos += 1
            default: return
            }
        }
    }

    mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > maxDepth { throw JSONParseError(.tooDeep, at: pos, "arrays and objects nest deeper than \(maxDepth) levels") }
    }

    /// Keeps the first position and the last value of a repeated key (as `JSONObject` assignment does).
    static func dedupe(_ entries: [(key: String, value: JSONValue)]) -> [(key: String, value: JSONValue)] {
        if entries.count < 2 { return entries }
        if entries.count <= 16 {
            // Small objects (nearly all of them): a pairwise check costs less than hashing.
            var clean = true
            outer: for i in 1..<entries.count {
                for j in 0..<i where entries[j].key == entries[i].key {
                    clean = false
                    break outer
                }
            }
            if clean { return entries }
        }
        var seen: [String: Int] = [:]
        seen.reserveCapacity(entries.count)
        var out: [(key: String, value: JSONValue)] = []
        out.reserveCapacity(entries.count)
        var duplicate = false
        for entry in entries {
            if let at = seen[entry.key] {
                out[at].value = entry.value
                duplicate = true
            } else {
                seen[entry.key] = out.count
                out.append(entry)
            }
        }
        return duplicate ? out : entries
    }

    func found() -> String {
        guard pos < count else { return "the end of the input" }
        let b = base[pos]
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return String(format: "byte 0x%02X", b)
    }

    func truncated(_ detail: String) -> JSONParseError { JSONParseError(.truncated, at: count, detail) }
    func invalid(_ detail: String) -> JSONParseError { JSONParseError(.invalid, at: pos, detail) }
}
