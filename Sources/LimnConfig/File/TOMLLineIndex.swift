/// The line each key of a TOML document is written on, so errors and `limn config` can say
/// `limn.toml:12`. TOMLKit reports positions only for syntax errors; this light scanner reads
/// table headers and `key = …` lines (bare, quoted and dotted keys; multi-line strings skipped).
/// A key it cannot place (one inside an inline table, say) gets the line of its nearest ancestor.
struct TOMLLineIndex: Sendable, Equatable {
    private var lines: [[String]: Int] = [:]

    /// Indexes `text`.
    init(text: String) {
        var table: [String] = []
        var openString: String?
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            let line = Array(rawLine.unicodeScalars)
            if let delimiter = openString {
                if String(rawLine).contains(delimiter) { openString = nil }
                continue
            }
            var i = 0
            while i < line.count, line[i] == " " || line[i] == "\t" { i += 1 }
            guard i < line.count, line[i] != "#" else { continue }
            if line[i] == "[" {
                let isArray = i + 1 < line.count && line[i + 1] == "["
                if let (path, _) = Self.parseKey(line, from: i + (isArray ? 2 : 1)) {
                    table = path
                    record(path, number)
                }
                continue
            }
            guard let (path, end) = Self.parseKey(line, from: i) else { continue }
            var j = end
            while j < line.count, line[j] == " " || line[j] == "\t" { j += 1 }
            guard j < line.count, line[j] == "=" else { continue }
            record(table + path, number)
            let value = String(String.UnicodeScalarView(line[(j + 1)...]))
            for delimiter in ["\"\"\"", "'''"] where value.components(separatedBy: delimiter).count == 2 {
                openString = delimiter
            }
        }
    }

    /// The line of `path`, or of its nearest ancestor that has one.
    func line(for path: [String]) -> Int? {
        var path = path
        while !path.isEmpty {
            if let line = lines[path] { return line }
            path.removeLast()
        }
        return nil
    }

    private mutating func record(_ path: [String], _ line: Int) {
        if lines[path] == nil { lines[path] = line }
    }

    /// A dotted key starting at `start`: its parts and the index after it.
    private static func parseKey(_ s: [Unicode.Scalar], from start: Int) -> ([String], Int)? {
        var parts: [String] = []
        var i = start
        while true {
            while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 }
            guard i < s.count else { return nil }
            var part = String.UnicodeScalarView()
            if s[i] == "\"" || s[i] == "'" {
                let quote = s[i]
                i += 1
                while i < s.count, s[i] != quote {
                    if quote == "\"", s[i] == "\\", i + 1 < s.count { i += 1 }
                    part.append(s[i])
                    i += 1
                }
                guard i < s.count else { return nil }
                i += 1
            } else {
                while i < s.count, isBare(s[i]) {
                    part.append(s[i])
                    i += 1
                }
                guard !part.isEmpty else { return nil }
            }
            parts.append(String(part))
            while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 }
            guard i < s.count, s[i] == "." else { return (parts, i) }
            i += 1
        }
    }

    private static func isBare(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
    }
}
