/// The first table header whose key does not start where toml++ expects one.
///
/// toml++ (inside TOMLKit) checks the character after `key = ` and inside inline tables, but after
/// a header's `[` or `[[` it asserts that a key follows instead of reporting an error, so `[|x]`,
/// `[#]` or a lone `[` at the end of a line ended the process (found by FuzzConfig). This scanner
/// follows strings, comments and brackets the way the parser does and finds such a header first.
enum TOMLHeaderCheck {
    /// The line of the first header not followed by a bare key, a quoted key or `]`.
    static func firstBadHeader(_ text: String) -> Int? {
        let b = Array(text.utf8)
        var i = 0, line = 1, depth = 0
        var atLineStart = true
        func isKeyStart(_ c: UInt8) -> Bool {
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "]"): true
            default: false
            }
        }
        func has(_ s: String, at j: Int) -> Bool {
            let p = Array(s.utf8)
            return j + p.count <= b.count && Array(b[j..<(j + p.count)]) == p
        }
        while i < b.count {
            let c = b[i]
            switch c {
            case 0x0A:
                line += 1
                atLineStart = true
                i += 1
                continue
            case 0x20, 0x09, 0x0D:
                i += 1
                continue
            case UInt8(ascii: "#"):
                while i < b.count, b[i] != 0x0A { i += 1 }
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let quote = c
                let triple = has(quote == UInt8(ascii: "\"") ? "\"\"\"" : "'''", at: i)
                i += triple ? 3 : 1
                while i < b.count {
                    if b[i] == 0x0A {
                        if !triple { break }   // toml++ reports an unterminated string
                        line += 1
                    }
                    if quote == UInt8(ascii: "\""), b[i] == UInt8(ascii: "\\") { i += 2; continue }
                    if b[i] == quote, !triple || has(quote == UInt8(ascii: "\"") ? "\"\"\"" : "'''", at: i) {
                        i += triple ? 3 : 1
                        while triple, i < b.count, b[i] == quote { i += 1 }   // up to two quotes may end the content
                        break
                    }
                    i += 1
                }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if c == UInt8(ascii: "["), depth == 0, atLineStart {
                    var j = i + 1
                    if j < b.count, b[j] == UInt8(ascii: "[") { j += 1 }
                    while j < b.count, b[j] == 0x20 || b[j] == 0x09 { j += 1 }
                    guard j < b.count, isKeyStart(b[j]) else { return line }
                    // The header itself: its brackets are not a value's.
                    while i < b.count, b[i] != UInt8(ascii: "]"), b[i] != 0x0A { i += 1 }
                    atLineStart = false
                    continue
                }
                depth += 1
                i += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
                i += 1
            default:
                i += 1
            }
            atLineStart = false
        }
        return nil
    }
}
