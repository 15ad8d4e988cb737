import LimnRouter

/// One row of `limn config`: a setting, its value as shown (keys masked) and where it came from.
public struct ConfigLine: Sendable, Equatable {
    /// `provider`, `base_url`, `models.generate`, `routes."nano-banana*"`, …
    public var key: String
    /// The value for a terminal: `crazyrouter`, `sk-…wxyz`, `600s`, `(none)`.
    public var value: String
    /// The value for `--json`: strings, integers, seconds as numbers, null.
    public var jsonValue: JSONValue
    /// Where it came from: `env LIMN_BASE_URL`, `/path/limn.toml:3`, `default`, … with any note.
    public var source: String

    /// A line.
    public init(key: String, value: String, jsonValue: JSONValue, source: String) {
        self.key = key
        self.value = value
        self.jsonValue = jsonValue
        self.source = source
    }

    /// The lines as aligned columns, `key  value  source`, one per line.
    public static func table(_ lines: [ConfigLine]) -> String {
        let keyWidth = lines.map(\.key.count).max() ?? 0
        let valueWidth = lines.map(\.value.count).max() ?? 0
        return lines.map { line in
            let row = line.key.padded(to: keyWidth) + "  " + line.value.padded(to: valueWidth) + "  " + line.source
            return String(row.reversed().drop { $0 == " " }.reversed())
        }.joined(separator: "\n")
    }
}

extension String {
    /// Padded with spaces on the right to `width` characters.
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
