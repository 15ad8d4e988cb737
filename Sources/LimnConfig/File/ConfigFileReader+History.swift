import LimnRouter

extension ConfigFileReader {
    static let historyKeys = ["offline", "max_size"]

    /// `[history]`: `offline = true` keeps offline images, `max_size = "2G"` caps stored images.
    func historySection(_ node: TOMLNode, into file: inout ConfigFile) throws(ConfigError) {
        let base = ["history"]
        guard case .table(let table) = node else {
            throw ConfigError(.wrongType, "history must be a table ([history]); found \(node.typeDescription)", source: source(base), key: "history")
        }
        for key in table.keys.sorted() where !Self.historyKeys.contains(key) {
            throw ConfigError(.unknownKey, "unknown key '\(key)' in [history]\(Suggestion.clause(for: key, in: Self.historyKeys)) (known keys: \(Self.historyKeys.joined(separator: ", ")))",
                              source: source(base + [key]), key: "history.\(key)")
        }
        if let value = table["offline"] {
            guard case .bool(let on) = value else {
                throw ConfigError(.wrongType, "history.offline must be true or false; found \(value.typeDescription)",
                                  source: source(base + ["offline"]), key: "history.offline")
            }
            file.historyOffline = Sourced(on, source(base + ["offline"]))
        }
        if let value = table["max_size"] {
            let bytes: Int? = switch value {
            case .int(let n): n >= 0 ? n : nil
            case .string(let text): Quantity.bytes(text)
            default: nil
            }
            guard let bytes, bytes >= 1 << 20 else {
                throw ConfigError(.invalidValue, "history.max_size must be a size of at least 1M, such as \"2G\" or \"500M\"",
                                  source: source(base + ["max_size"]), key: "history.max_size")
            }
            file.historyMaxSize = Sourced(bytes, source(base + ["max_size"]))
        }
    }
}
