import LimnRouter

extension ConfigFileReader {
    /// `[limits]`: `response_size = "512M"`, `pixels = 64000000`, `json_depth = 512`, …
    func limitsSection(_ node: TOMLNode, into file: inout ConfigFile) throws(ConfigError) {
        let known = LimitSettings.Key.allCases.map(\.rawValue)
        guard case .table(let table) = node else {
            throw ConfigError(.wrongType, "limits must be a table ([limits]); found \(node.typeDescription)", source: source(["limits"]), key: "limits")
        }
        for key in table.keys.sorted() where !known.contains(key) {
            throw ConfigError(.unknownKey, "unknown key '\(key)' in [limits]\(Suggestion.clause(for: key, in: known)) (known keys: \(known.joined(separator: ", ")))",
                              source: source(["limits", key]), key: "limits.\(key)")
        }
        for key in LimitSettings.Key.allCases {
            guard let value = table[key.rawValue] else { continue }
            let keyPath = ["limits", key.rawValue]
            let number: Int?
            switch value {
            case .int(let n): number = n
            case .string(let text) where key.takesSuffix: number = Quantity.bytes(text)
            default: number = nil
            }
            let range = key.range
            guard let number, range.contains(number) else {
                let example = key.isBytes ? "a size such as \"512M\" or \"1G\"" : key.takesSuffix ? "a number such as 64000000 or \"64M\"" : "an integer"
                throw ConfigError(number == nil ? .wrongType : .invalidValue,
                                  "limits.\(key.rawValue) must be \(example), from \(key.describe(range.lowerBound)) to \(key.describe(range.upperBound))",
                                  source: source(keyPath), key: "limits.\(key.rawValue)")
            }
            file.limits[key] = Sourced(number, source(keyPath))
        }
    }
}
