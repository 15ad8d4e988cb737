import CFastBytes

extension JSONParser {
    /// When spans are on and the string at `pos` is long, escape-free ASCII: that string as a
    /// span of the source, with `pos` after its closing quote. Otherwise nil, `pos` unchanged.
    mutating func spanAtString() -> JSONSpan? {
        guard let (source, minimum) = spans, count - pos > minimum else { return nil }
        let first = pos + 1
        let runEnd = limn_json_plain_ascii_end(base, first, count)
        guard runEnd < count, base[runEnd] == UInt8(ascii: "\""), runEnd - first >= minimum else { return nil }
        pos = runEnd + 1
        let start = source.startIndex + first
        return JSONSpan(bytes: source[start..<(start + runEnd - first)])
    }

    /// Parses the string that starts at `pos` (on its opening quote) and leaves `pos` after the closing quote.
    mutating func parseString() throws(JSONParseError) -> String {
        let start = pos
        pos += 1
        let runEnd = ByteScan.firstSpecial(base, from: pos, end: count)
        guard runEnd < count else { throw truncated("inside the string that starts at byte \(start)") }
        if base[runEnd] == UInt8(ascii: "\"") {
            // The common case: no escapes, one decode of the whole run.
            let text = String(decoding: UnsafeBufferPointer(start: base + pos, count: runEnd - pos), as: UTF8.self)
            pos = runEnd + 1
            return text
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(runEnd - pos + 16)
        bytes.append(contentsOf: UnsafeBufferPointer(start: base + pos, count: runEnd - pos))
        pos = runEnd
        while true {
            guard pos < count else { throw truncated("inside the string that starts at byte \(start)") }
            let b = base[pos]
            if b == UInt8(ascii: "\"") {
                pos += 1
                return String(decoding: bytes, as: UTF8.self)
            } else if b == UInt8(ascii: "\\") {
                try parseEscape(into: &bytes, stringStart: start)
            } else if b < 0x20 {
                throw invalid(String(format: "control byte 0x%02X inside a string (must be escaped)", b))
            }
            let next = ByteScan.firstSpecial(base, from: pos, end: count)
            bytes.append(contentsOf: UnsafeBufferPointer(start: base + pos, count: next - pos))
            pos = next
        }
    }

    /// Decodes one escape at `pos` (on the backslash) into UTF-8.
    private mutating func parseEscape(into bytes: inout [UInt8], stringStart: Int) throws(JSONParseError) {
        guard pos + 1 < count else { throw truncated("inside an escape in the string that starts at byte \(stringStart)") }
        let escape = base[pos + 1]
        let simple: UInt8?
        switch escape {
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "\\"): simple = 0x5C
        case UInt8(ascii: "/"): simple = 0x2F
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"): simple = nil
        default:
            pos += 1
            throw invalid("unknown escape '\\\(Character(Unicode.Scalar(escape)))'")
        }
        if let simple {
            bytes.append(simple)
            pos += 2
            return
        }
        let escapeStart = pos
        pos += 2
        var scalar = try hex4(stringStart: stringStart)
        if (0xD800...0xDBFF).contains(scalar) {
            guard pos + 1 < count else { throw truncated("inside a surrogate pair in the string that starts at byte \(stringStart)") }
            guard base[pos] == UInt8(ascii: "\\"), base[pos + 1] == UInt8(ascii: "u") else {
                throw JSONParseError(.invalid, at: escapeStart, "high surrogate without a following low surrogate")
            }
            pos += 2
            let low = try hex4(stringStart: stringStart)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw JSONParseError(.invalid, at: escapeStart, "high surrogate followed by a non-low surrogate")
            }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
            throw JSONParseError(.invalid, at: escapeStart, "low surrogate without a preceding high surrogate")
        }
        guard let unicode = Unicode.Scalar(scalar) else {
            throw JSONParseError(.invalid, at: escapeStart, "escape names no Unicode scalar")
        }
        bytes.append(contentsOf: unicode.utf8)
    }

    private mutating func hex4(stringStart: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard pos < count else { throw truncated("inside a \\u escape in the string that starts at byte \(stringStart)") }
            let b = base[pos]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw invalid("expected a hex digit in a \\u escape, found \(found())")
            }
            value = value << 4 | UInt32(digit)
            pos += 1
        }
        return value
    }
}
