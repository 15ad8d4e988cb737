/// The line each key of a TOML document is written on, so errors and `limn config` can say
/// `limn.toml:12`. ``TOMLParser`` fills it as it reads: table headers, `key = …` lines and the
/// tables dotted keys make. A key it holds no line for (one inside an inline table, say) gets
/// the line of its nearest ancestor.
struct TOMLLineIndex: Sendable, Equatable {
    private var lines: [[String]: Int] = [:]

    /// The line of `path`, or of its nearest ancestor that has one.
    func line(for path: [String]) -> Int? {
        var path = path
        while !path.isEmpty {
            if let line = lines[path] { return line }
            path.removeLast()
        }
        return nil
    }

    /// Notes that `path` is written on `line`, unless an earlier line already names it.
    mutating func record(_ path: [String], _ line: Int) {
        if lines[path] == nil { lines[path] = line }
    }
}
