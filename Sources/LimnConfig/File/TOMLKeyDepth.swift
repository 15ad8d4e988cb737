/// The deepest dotted key in a TOML document (`[a.b.c]` and `a.b.c = 1` are three deep),
/// found by a scan that skips strings and comments.
///
/// toml++ bounds nested arrays and inline tables (256 levels) but not dotted keys: a header of
/// a million segments overflows its stack. No Limn setting goes deeper than four levels, so the
/// configuration reader refuses a document past ``TOMLKeyDepth/limit`` before handing it to the parser.
struct TOMLKeyDepth {
    /// The most segments a key may have.
    static let limit = 32

    /// The deepest key found and the line it is on (1-based).
    private(set) var segments = 1
    private(set) var line = 1

    init(scanning text: String) {
        var bytes = Array(text.utf8)[...]
        var run = 1
        var currentLine = 1
        func note() { if run > segments { segments = run; line = currentLine } }
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "\n"):
                currentLine += 1
                run = 1
            case UInt8(ascii: "#"):
                while let next = bytes.first, next != UInt8(ascii: "\n") { bytes.removeFirst() }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                currentLine += Self.skipString(opening: byte, in: &bytes)
            case UInt8(ascii: "."):
                run += 1
                note()
            case UInt8(ascii: "="), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                 UInt8(ascii: "}"), UInt8(ascii: ","):
                run = 1
            default:
                break
            }
        }
    }

    /// Skips a string whose opening quote was just read (basic, literal, or their multi-line
    /// forms); returns the newlines skipped.
    private static func skipString(opening quote: UInt8, in bytes: inout ArraySlice<UInt8>) -> Int {
        var newlines = 0
        let multiline = bytes.starts(with: [quote, quote])
        if multiline { bytes.removeFirst(2) }
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: "\n") {
                newlines += 1
                if !multiline { return newlines }
            } else if byte == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") {
                if bytes.popFirst() == UInt8(ascii: "\n") { newlines += 1 }
            } else if byte == quote {
                if !multiline { return newlines }
                if bytes.starts(with: [quote, quote]) {
                    bytes.removeFirst(2)
                    // Up to two more quotes may belong to the content (`""""` ends with one quote inside).
                    while bytes.first == quote { bytes.removeFirst() }
                    return newlines
                }
            }
        }
        return newlines
    }
}
