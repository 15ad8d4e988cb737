import Foundation
import LimnRouter

extension ConfigFileReader {
    static let runKeys = ["sandbox", "memory_limit", "time_limit"]

    /// `[run]`: `sandbox = true`, `memory_limit = "512M"`, `time_limit = "30s"`.
    func runSection(_ node: TOMLNode, into file: inout ConfigFile) throws(ConfigError) {
        let base = ["run"]
        guard case .table(let table) = node else {
            throw ConfigError(.wrongType, "run must be a table ([run]); found \(node.typeDescription)", source: source(base), key: "run")
        }
        for key in table.keys.sorted() where !Self.runKeys.contains(key) {
            throw ConfigError(.unknownKey, "unknown key '\(key)' in [run]\(Suggestion.clause(for: key, in: Self.runKeys)) (known keys: \(Self.runKeys.joined(separator: ", ")))",
                              source: source(base + [key]), key: "run.\(key)")
        }
        if let value = table["sandbox"] {
            guard case .bool(let on) = value else {
                throw ConfigError(.wrongType, "run.sandbox must be true or false; found \(value.typeDescription)", source: source(["run", "sandbox"]), key: "run.sandbox")
            }
            file.runSandbox = Sourced(on, source(["run", "sandbox"]))
        }
        if let value = table["memory_limit"] {
            let keyPath = ["run", "memory_limit"]
            let bytes: Int?
            switch value {
            case .int(let n): bytes = n >= 0 ? n : nil
            case .string(let text): bytes = Quantity.bytes(text)
            default: bytes = nil
            }
            guard let bytes, bytes >= 1 << 20 else {
                throw ConfigError(.invalidValue, "run.memory_limit must be a size of at least 1M, such as \"512M\" or \"2G\"", source: source(keyPath), key: "run.memory_limit")
            }
            file.runMemoryLimit = Sourced(bytes, source(keyPath))
        }
        if let value = table["time_limit"] {
            let keyPath = ["run", "time_limit"]
            let duration: Duration?
            switch value {
            case .int(let n): duration = n > 0 ? .seconds(n) : nil
            case .double(let d): duration = d > 0 && d.isFinite ? .milliseconds(Int64(d * 1000)) : nil
            case .string(let text): duration = Quantity.duration(text)
            default: duration = nil
            }
            guard let duration, duration > .zero else {
                throw ConfigError(.invalidValue, "run.time_limit must be a duration such as \"30s\", \"500ms\" or \"2m\"", source: source(keyPath), key: "run.time_limit")
            }
            file.runTimeLimit = Sourced(duration, source(keyPath))
        }
    }
}
