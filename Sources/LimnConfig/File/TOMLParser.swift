/// A TOML 1.0 reader written for hostile input: every malformed document is a `SyntaxError`
/// with a line and column, never a trap, and nothing recurses or allocates past fixed bounds
/// (arrays and inline tables nest at most ``maxNesting`` deep, a key has at most ``maxKeyParts``
/// parts). It also records the line each key is written on, so settings errors can name it.
///
/// Values come out as ``TOMLNode``; dates and times are checked for form but kept as
/// `.other`, since no Limn setting takes one.
struct TOMLParser {
    /// A parsed document: the root table and the line of every key.
    struct Document: Sendable, Equatable {
        var root: [String: TOMLNode]
        var lines: TOMLLineIndex
    }

    /// Deepest nesting of arrays and inline tables.
    static let maxNesting = 128
    /// Most parts a dotted key may have (`a.b.c` has three). Limn's settings are at most four deep.
    static let maxKeyParts = 32

    /// Parses `text`.
    static func parse(_ text: String) throws(TOMLNode.SyntaxError) -> Document {
        var parser = TOMLParser(Array(text.utf8))
        try parser.document()
        return Document(root: parser.root.items.mapValues { $0.node() }, lines: parser.lines)
    }

    // MARK: - The tree being built

    /// A table while the document is read. Tables are classes so a header can reopen the one an
    /// earlier header made implicitly.
    private final class Table {
        enum Origin: Equatable {
            /// Made as the prefix of a header (`[a.b]` makes `a`); a later `[a]` may define it.
            case implicit
            /// Defined by its own `[header]` or `[[header]]` element.
            case header
            /// Made by dotted keys in the section with this number; only that section may add to it.
            case dotted(section: Int)
        }

        var origin: Origin
        var items: [String: Item] = [:]

        init(_ origin: Origin) { self.origin = origin }

        func node() -> TOMLNode { .table(items.mapValues { $0.node() }) }
    }

    private final class TableArray {
        var tables: [Table]
        init(_ first: Table) { tables = [first] }
    }

    private enum Item {
        case value(TOMLNode)
        case table(Table)
        case tables(TableArray)

        func node() -> TOMLNode {
            switch self {
            case .value(let node): node
            case .table(let table): table.node()
            case .tables(let array): .array(array.tables.map { $0.node() })
            }
        }
    }

    private let b: [UInt8]
    private var i = 0
    private var line = 1
    private var lineStart = 0
    private let root = Table(.header)
    private var lines = TOMLLineIndex()
    private var section = 0

    private init(_ bytes: [UInt8]) { b = bytes }

    // MARK: - Document structure

    private mutating func document() throws(TOMLNode.SyntaxError) {
        var current = root
        var currentPath: [String] = []
        while true {
            skipWhitespace()
            guard let c = peek else { return }
            switch c {
            case .lf, .cr:
                try newline()
                continue
            case .hash:
                try comment()
            case .openBracket:
                (current, currentPath) = try header()
            default:
                try keyValue(into: current, path: currentPath, section: section)
            }
            try endOfLine()
        }
    }

    /// `[a.b]` or `[[a.b]]`: the table the following keys go into.
    private mutating func header() throws(TOMLNode.SyntaxError) -> (Table, [String]) {
        let headerLine = line
        i += 1
        let isArray = peek == .openBracket
        if isArray { i += 1 }
        skipWhitespace()
        let path = try key()
        skipWhitespace()
        guard peek == .closeBracket, !isArray || peek(at: i + 1) == .closeBracket else {
            throw error(isArray ? "a table-array header must end with ]]" : "a table header must end with ]")
        }
        i += isArray ? 2 : 1
        section += 1

        var table = root
        for (depth, part) in path.dropLast().enumerated() {
            switch table.items[part] {
            case nil:
                let made = Table(.implicit)
                table.items[part] = .table(made)
                table = made
            case .table(let next):
                table = next
            case .tables(let array):
                table = array.tables[array.tables.count - 1]
            case .value:
                throw error("\(Self.describe(path.prefix(depth + 1))) is already a value, not a table", line: headerLine)
            }
        }
        let last = path[path.count - 1]
        let name = Self.describe(path)
        if isArray {
            let element = Table(.header)
            switch table.items[last] {
            case nil: table.items[last] = .tables(TableArray(element))
            case .tables(let array): array.tables.append(element)
            case .table: throw error("[[\(name)]] names a table already defined, not an array of tables", line: headerLine)
            case .value: throw error("[[\(name)]] names a value already defined; an array written inline cannot be extended", line: headerLine)
            }
            record(path, headerLine)
            return (element, path)
        }
        switch table.items[last] {
        case nil:
            let made = Table(.header)
            table.items[last] = .table(made)
            record(path, headerLine)
            return (made, path)
        case .table(let existing) where existing.origin == .implicit:
            existing.origin = .header
            record(path, headerLine)
            return (existing, path)
        case .table(let existing) where existing.origin == .header:
            throw error("the table [\(name)] is defined twice", line: headerLine)
        case .table:
            throw error("the table [\(name)] was already defined by dotted keys", line: headerLine)
        case .tables:
            throw error("[\(name)] names an array of tables; add an element with [[\(name)]]", line: headerLine)
        case .value:
            throw error("[\(name)] names a value already defined", line: headerLine)
        }
    }

    /// `key = value` into `table`. `path` is the table's absolute path, or nil inside an inline
    /// table (whose keys get the line of the key holding it). Dotted keys make or extend tables
    /// that belong to `section`; `depth` is the nesting the value starts at.
    private mutating func keyValue(into table: Table, path: [String]?, section: Int, depth: Int = 0) throws(TOMLNode.SyntaxError) {
        let keyLine = line
        let key = try key()
        skipWhitespace()
        guard peek == .equals else { throw unexpected("= after the key \(Self.describe(key))") }
        i += 1
        skipWhitespace()
        let value = try value(depth: depth)

        let scope = path == nil ? " in this inline table" : ""
        var target = table
        for (depth, part) in key.dropLast().enumerated() {
            let partPath = (path ?? []) + key.prefix(depth + 1)
            switch target.items[part] {
            case nil:
                let made = Table(.dotted(section: section))
                target.items[part] = .table(made)
                target = made
            case .table(let next) where next.origin == .dotted(section: section):
                target = next
            case .table(let next) where next.origin == .implicit:
                next.origin = .dotted(section: section)
                target = next
            default:
                throw error("\(Self.describe(partPath)) is already defined\(scope); dotted keys cannot add to it", line: keyLine)
            }
            if let path { record(path + key.prefix(depth + 1), keyLine) }
        }
        let last = key[key.count - 1]
        guard target.items[last] == nil else {
            throw error("\(Self.describe((path ?? []) + key)) is defined twice\(scope)", line: keyLine)
        }
        target.items[last] = .value(value)
        if let path { record(path + key, keyLine) }
    }

    // MARK: - Keys

    /// A bare, quoted or dotted key.
    private mutating func key() throws(TOMLNode.SyntaxError) -> [String] {
        var parts: [String] = []
        while true {
            guard parts.count < Self.maxKeyParts else {
                throw error("a dotted key has more than \(Self.maxKeyParts) parts, more than any Limn setting (at most four deep)")
            }
            switch peek {
            case .quote:
                guard !starts(with: #"""""#) else { throw error("a key cannot be a multi-line string") }
                i += 1
                parts.append(try basicString(multiline: false))
            case .apostrophe:
                guard !starts(with: "'''") else { throw error("a key cannot be a multi-line string") }
                i += 1
                parts.append(try literalString(multiline: false))
            case let c? where Self.isBareKey(c):
                let start = i
                while let c = peek, Self.isBareKey(c) { i += 1 }
                parts.append(String(decoding: b[start..<i], as: UTF8.self))
            default:
                throw unexpected("a key (letters, digits, _ and -, or a quoted string)")
            }
            skipWhitespace()
            guard peek == .dot else { return parts }
            i += 1
            skipWhitespace()
        }
    }

    // MARK: - Values

    private mutating func value(depth: Int) throws(TOMLNode.SyntaxError) -> TOMLNode {
        guard depth < Self.maxNesting else {
            throw error("arrays and inline tables nest more than \(Self.maxNesting) deep")
        }
        switch peek {
        case .quote:
            if starts(with: #"""""#) {
                i += 3
                return .string(try basicString(multiline: true))
            }
            i += 1
            return .string(try basicString(multiline: false))
        case .apostrophe:
            if starts(with: "'''") {
                i += 3
                return .string(try literalString(multiline: true))
            }
            i += 1
            return .string(try literalString(multiline: false))
        case .openBracket:
            return try array(depth: depth)
        case .openBrace:
            return try inlineTable(depth: depth)
        case nil, .lf, .cr, .hash:
            throw error("a value is missing after =")
        default:
            return try scalar()
        }
    }

    private mutating func array(depth: Int) throws(TOMLNode.SyntaxError) -> TOMLNode {
        i += 1
        var elements: [TOMLNode] = []
        while true {
            try skipBlank()
            if peek == .closeBracket {
                i += 1
                return .array(elements)
            }
            elements.append(try value(depth: depth + 1))
            try skipBlank()
            switch peek {
            case .comma: i += 1
            case .closeBracket:
                i += 1
                return .array(elements)
            case nil: throw error("an array is not closed with ]")
            default: throw unexpected(", or ] after an array element")
            }
        }
    }

    private mutating func inlineTable(depth: Int) throws(TOMLNode.SyntaxError) -> TOMLNode {
        i += 1
        let table = Table(.header)
        skipWhitespace()
        if peek == .closeBrace {
            i += 1
            return table.node()
        }
        while true {
            skipWhitespace()
            try keyValue(into: table, path: nil, section: 0, depth: depth + 1)
            skipWhitespace()
            switch peek {
            case .comma: i += 1
            case .closeBrace:
                i += 1
                return table.node()
            case .lf, .cr, nil: throw error("an inline table must close with } on the same line")
            default: throw unexpected(", or } after an inline table's value")
            }
        }
    }

    /// A boolean, number, date or time: the run of characters up to a separator, then checked.
    private mutating func scalar() throws(TOMLNode.SyntaxError) -> TOMLNode {
        let start = i
        while let c = peek, !Self.endsScalar(c) { i += 1 }
        // A date, a space, then a time is one date-time: `1979-05-27 07:32:00`.
        if TOMLScalar.isDate(b[start..<i]), peek == .space, let h = peek(at: i + 1), Self.isDigit(h),
           let m = peek(at: i + 2), Self.isDigit(m), peek(at: i + 3) == .colon {
            i += 1
            while let c = peek, !Self.endsScalar(c) { i += 1 }
        }
        do {
            return try TOMLScalar.parse(b[start..<i])
        } catch {
            i = start
            throw self.error(error.message)
        }
    }

    // MARK: - Strings

    /// The rest of a basic string whose opening quotes were read.
    private mutating func basicString(multiline: Bool) throws(TOMLNode.SyntaxError) -> String {
        var out: [UInt8] = []
        if multiline { try skipOneNewline() }
        while true {
            guard let c = peek else { throw error("a string is not closed with \(multiline ? #"""""# : "\"")") }
            switch c {
            case .quote:
                if !multiline {
                    i += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if starts(with: #"""""#) { return closeMultiline(.quote, content: &out) }
                out.append(c)
                i += 1
            case .backslash:
                i += 1
                if multiline, let afterSpace = lineEndingBackslash() {
                    i = afterSpace
                    try skipBlankInString()
                    continue
                }
                try escape(into: &out)
            case .lf, .cr:
                guard multiline else { throw error("a string in \"…\" cannot span lines; use \"\"\"…\"\"\"") }
                try newlineInString(into: &out)
            default:
                try contentByte(c, into: &out)
            }
        }
    }

    /// The rest of a literal string whose opening quotes were read.
    private mutating func literalString(multiline: Bool) throws(TOMLNode.SyntaxError) -> String {
        var out: [UInt8] = []
        if multiline { try skipOneNewline() }
        while true {
            guard let c = peek else { throw error("a string is not closed with \(multiline ? "'''" : "'")") }
            switch c {
            case .apostrophe:
                if !multiline {
                    i += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if starts(with: "'''") { return closeMultiline(.apostrophe, content: &out) }
                out.append(c)
                i += 1
            case .lf, .cr:
                guard multiline else { throw error("a string in '…' cannot span lines; use '''…'''") }
                try newlineInString(into: &out)
            default:
                try contentByte(c, into: &out)
            }
        }
    }

    /// At the three closing quotes of a multi-line string: up to two more quotes before them belong
    /// to the content (`""""` ends with one quote inside). Returns the string, past the close.
    private mutating func closeMultiline(_ quote: UInt8, content out: inout [UInt8]) -> String {
        var run = 3
        while run < 5, peek(at: i + run) == quote { run += 1 }
        out.append(contentsOf: repeatElement(quote, count: run - 3))
        i += run
        return String(decoding: out, as: UTF8.self)
    }

    /// A byte of string content: anything but control characters other than tab.
    private mutating func contentByte(_ c: UInt8, into out: inout [UInt8]) throws(TOMLNode.SyntaxError) {
        guard c == .tab || (c >= 0x20 && c != 0x7F) else { throw controlCharacter(c) }
        out.append(c)
        i += 1
    }

    /// The escape after a backslash in a basic string.
    private mutating func escape(into out: inout [UInt8]) throws(TOMLNode.SyntaxError) {
        guard let c = peek else { throw error("a string ends in a lone backslash") }
        i += 1
        let simple: UInt8? = switch c {
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "t"): 0x09
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "r"): 0x0D
        case .quote: .quote
        case .backslash: .backslash
        default: nil
        }
        if let simple {
            out.append(simple)
            return
        }
        let digits = c == UInt8(ascii: "u") ? 4 : c == UInt8(ascii: "U") ? 8 : 0
        guard digits > 0 else {
            i -= 2   // at the backslash
            throw error("\\\(Self.printable(c)) is not a TOML escape (\\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX); write \\\\ for a backslash")
        }
        var scalar: UInt32 = 0
        for _ in 0..<digits {
            guard let d = peek, let v = Self.hexValue(d) else {
                throw error("\\\(Self.printable(c)) needs \(digits) hex digits")
            }
            scalar = scalar << 4 | UInt32(v)
            i += 1
        }
        guard let u = Unicode.Scalar(scalar) else {
            throw error("\\\(Self.printable(c)) names U+\(String(scalar, radix: 16, uppercase: true)), which is not a Unicode scalar value")
        }
        out.append(contentsOf: Array(String(Character(u)).utf8))
    }

    /// After a backslash in a multi-line basic string: where the line ending starts when only
    /// spaces and tabs lie between the backslash and it.
    private func lineEndingBackslash() -> Int? {
        var j = i
        while let c = peek(at: j), c == .space || c == .tab { j += 1 }
        switch peek(at: j) {
        case .lf: return j
        case .cr where peek(at: j + 1) == .lf: return j
        default: return nil
        }
    }

    /// Spaces, tabs and line breaks after a line-ending backslash.
    private mutating func skipBlankInString() throws(TOMLNode.SyntaxError) {
        while let c = peek {
            switch c {
            case .space, .tab: i += 1
            case .lf, .cr: try newline()
            default: return
            }
        }
    }

    /// A line break inside a multi-line string, kept as `\n`.
    private mutating func newlineInString(into out: inout [UInt8]) throws(TOMLNode.SyntaxError) {
        try newline()
        out.append(.lf)
    }

    /// The one line break allowed (and dropped) right after an opening `"""` or `'''`.
    private mutating func skipOneNewline() throws(TOMLNode.SyntaxError) {
        if peek == .lf || peek == .cr { try newline() }
    }

    // MARK: - Whitespace, comments and line ends

    private mutating func skipWhitespace() {
        while let c = peek, c == .space || c == .tab { i += 1 }
    }

    /// Whitespace, comments and line breaks, as allowed between array elements.
    private mutating func skipBlank() throws(TOMLNode.SyntaxError) {
        while let c = peek {
            switch c {
            case .space, .tab: i += 1
            case .lf, .cr: try newline()
            case .hash: try comment()
            default: return
            }
        }
    }

    /// `\n` or `\r\n`.
    private mutating func newline() throws(TOMLNode.SyntaxError) {
        if peek == .cr {
            guard peek(at: i + 1) == .lf else { throw controlCharacter(.cr) }
            i += 1
        }
        i += 1
        line += 1
        lineStart = i
    }

    private mutating func comment() throws(TOMLNode.SyntaxError) {
        i += 1
        while let c = peek, c != .lf, c != .cr {
            guard c == .tab || (c >= 0x20 && c != 0x7F) else { throw controlCharacter(c) }
            i += 1
        }
    }

    /// After a header or a key's value: spaces, an optional comment, then a line break or the end.
    private mutating func endOfLine() throws(TOMLNode.SyntaxError) {
        skipWhitespace()
        if peek == .hash { try comment() }
        switch peek {
        case nil: return
        case .lf, .cr: try newline()
        default: throw unexpected("a line break after the value or header (one setting per line)")
        }
    }

    // MARK: - Errors

    private func error(_ message: String, line errorLine: Int? = nil) -> TOMLNode.SyntaxError {
        if let errorLine, errorLine != line {
            return TOMLNode.SyntaxError(message: message, line: errorLine, column: 1)
        }
        let column = String(decoding: b[lineStart..<min(i, b.count)], as: UTF8.self).unicodeScalars.count + 1
        return TOMLNode.SyntaxError(message: message, line: line, column: column)
    }

    private func unexpected(_ expected: String) -> TOMLNode.SyntaxError {
        guard let c = peek else { return error("the file ends where \(expected) should be") }
        if c < 0x20 || c == 0x7F { return controlCharacter(c) }
        let found = String(decoding: b[i...].prefix(while: { $0 >= 0x20 && $0 != .lf }).prefix(12), as: UTF8.self)
        return error("expected \(expected), found '\(found)'")
    }

    private func controlCharacter(_ c: UInt8) -> TOMLNode.SyntaxError {
        error("the control character U+\(String(c, radix: 16, uppercase: true).leftPadded(to: 4)); TOML allows only tab and line breaks")
    }

    private mutating func record(_ path: [String], _ keyLine: Int) {
        lines.record(path, keyLine)
    }

    // MARK: - Bytes

    private var peek: UInt8? { i < b.count ? b[i] : nil }
    private func peek(at j: Int) -> UInt8? { j < b.count ? b[j] : nil }

    private func starts(with s: StaticString) -> Bool {
        let count = s.utf8CodeUnitCount
        guard i + count <= b.count else { return false }
        return s.withUTF8Buffer { p in (0..<count).allSatisfy { b[i + $0] == p[$0] } }
    }

    private static func isBareKey(_ c: UInt8) -> Bool {
        isDigit(c) || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z")) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func endsScalar(_ c: UInt8) -> Bool {
        switch c {
        case .space, .tab, .lf, .cr, .comma, .closeBracket, .closeBrace, .hash: true
        default: false
        }
    }

    private static func printable(_ c: UInt8) -> String {
        c >= 0x20 && c < 0x7F ? String(UnicodeScalar(c)) : "U+" + String(c, radix: 16, uppercase: true).leftPadded(to: 4)
    }

    /// How an error names a key: `a.b."c d"`.
    static func describe<S: Sequence<String>>(_ path: S) -> String {
        path.map { part in
            !part.isEmpty && part.utf8.allSatisfy(isBareKey) ? part : "\"" + part + "\""
        }.joined(separator: ".")
    }
}
