import Foundation
import LimnRouter

/// Walks a parsed TOML document along the limn.toml schema (see `ConfigFile`), turning each
/// value into a sourced setting and each mistake into a `ConfigError` that names the file, the
/// line and the key. Values are never echoed in messages: one of them may be a key.
struct ConfigFileReader {
    let path: String
    let lines: TOMLLineIndex
    private var warnings: [ConfigWarning] = []

    static let topLevelKeys = ["provider", "concurrency", "providers", "models", "routes", "timeouts", "retries", "run", "limits", "prices", "history"]
    static let providerKeys = ["base_url", "api_key_env", "api_key", "upload_path"]
    static let modelKeys = ["generate", "edit", "chat"]
    static let timeoutKeys = ["connect", "call"]
    static let retryKeys = ["count", "base", "cap"]

    init(path: String, lines: TOMLLineIndex) {
        self.path = path
        self.lines = lines
    }

    mutating func read(_ root: [String: TOMLNode]) throws(ConfigError) -> ConfigFile {
        try checkKeys(root, known: Self.topLevelKeys, at: [])
        var file = ConfigFile()
        if let node = root["provider"] {
            if case .table = node {
                throw error(.wrongType, ["provider"], "provider must be a string naming the provider to use; to configure a provider write a [providers.NAME] table")
            }
            file.provider = Sourced(try nonEmptyString(node, ["provider"]), source(["provider"]))
        }
        if let node = root["concurrency"] {
            file.concurrency = Sourced(try integer(node, ["concurrency"], in: 1...256), source(["concurrency"]))
        }
        if let node = root["providers"] {
            for (name, section) in try table(node, ["providers"]).sorted(by: { $0.key < $1.key }) {
                file.providers[name] = try providerSection(name, section)
            }
        }
        if let node = root["models"] {
            let models = try table(node, ["models"])
            try checkKeys(models, known: Self.modelKeys, at: ["models"])
            for operation in LimnRouter.Operation.allCases {
                guard let value = models[operation.rawValue] else { continue }
                let keyPath = ["models", operation.rawValue]
                file.models[operation] = Sourced(try nonEmptyString(value, keyPath), source(keyPath))
            }
        }
        if let node = root["routes"] {
            file.routes = try routes(try table(node, ["routes"])).sorted(by: RouteOverride.moreSpecific)
        }
        if let node = root["timeouts"] {
            let timeouts = try table(node, ["timeouts"])
            try checkKeys(timeouts, known: Self.timeoutKeys, at: ["timeouts"])
            file.connectTimeout = try timeouts["connect"].map { node throws(ConfigError) in try seconds(node, ["timeouts", "connect"], allowZero: false) }
            file.callTimeout = try timeouts["call"].map { node throws(ConfigError) in try seconds(node, ["timeouts", "call"], allowZero: false) }
        }
        if let node = root["retries"] {
            let retries = try table(node, ["retries"])
            try checkKeys(retries, known: Self.retryKeys, at: ["retries"])
            file.retryCount = try retries["count"].map { node throws(ConfigError) in
                Sourced(try integer(node, ["retries", "count"], in: 0...20), source(["retries", "count"]))
            }
            file.retryBase = try retries["base"].map { node throws(ConfigError) in try seconds(node, ["retries", "base"], allowZero: true, max: 3600) }
            file.retryCap = try retries["cap"].map { node throws(ConfigError) in try seconds(node, ["retries", "cap"], allowZero: true, max: 3600) }
        }
        if let node = root["run"] { try runSection(node, into: &file) }
        if let node = root["limits"] { try limitsSection(node, into: &file) }
        if let node = root["prices"] { try pricesSection(node, into: &file) }
        if let node = root["history"] { try historySection(node, into: &file) }
        file.warnings = warnings
        return file
    }

    // MARK: Sections

    private mutating func providerSection(_ name: String, _ node: TOMLNode) throws(ConfigError) -> ConfigFile.ProviderSection {
        let base = ["providers", name]
        guard case .table(let table) = node else {
            throw error(.wrongType, base, "\(display(base)) must be a table of settings ([\(display(base))] with base_url, api_key_env, …); found \(node.typeDescription)")
        }
        if name == ProviderSettings.offlineName {
            throw error(.invalidValue, base, "the offline provider is built in and takes no settings; remove [\(display(base))]")
        }
        guard !name.isEmpty else { throw error(.invalidValue, base, "a provider needs a name: [providers.NAME]") }
        try checkKeys(table, known: Self.providerKeys, at: base)
        var section = ConfigFile.ProviderSection(name: name, source: source(base))
        if let value = table["base_url"] {
            let keyPath = base + ["base_url"]
            let url = try BaseURL(try string(value, keyPath), setting: display(keyPath), source: source(keyPath), key: display(keyPath))
            warnings += url.warnings
            section.baseURL = Sourced(url.url, source(keyPath), note: url.note)
        }
        if let value = table["api_key_env"] {
            let keyPath = base + ["api_key_env"]
            let variable = try nonEmptyString(value, keyPath)
            guard Self.isVariableName(variable) else {
                throw error(.invalidValue, keyPath, "\(display(keyPath)) must name an environment variable (letters, digits and _), such as CRAZYROUTER_API_KEY; if a key is written there, move it into that variable")
            }
            section.apiKeyEnv = Sourced(variable, source(keyPath))
        }
        if let value = table["api_key"] {
            let keyPath = base + ["api_key"]
            guard case .string(let key) = value else {
                throw error(.wrongType, keyPath, "\(display(keyPath)) must be a string; found \(value.typeDescription)")
            }
            if !key.isEmpty {
                section.apiKey = Sourced(Secret(key), source(keyPath))
                warnings.append(ConfigWarning("\(display(keyPath)) is written in the file, where anyone who can read it or its history can use it; put the key in an environment variable and name it with api_key_env", source: source(keyPath)))
            }
        }
        if let value = table["upload_path"] {
            let keyPath = base + ["upload_path"]
            let upload = try string(value, keyPath).trimmingCharacters(in: CharacterSet(charactersIn: "/ "))
            section.uploadPath = Sourced(upload.isEmpty ? nil : upload, source(keyPath))
        }
        return section
    }

    private func routes(_ table: [String: TOMLNode]) throws(ConfigError) -> [RouteOverride] {
        var result: [RouteOverride] = []
        for (pattern, node) in table.sorted(by: { $0.key < $1.key }) {
            let keyPath = ["routes", pattern]
            guard !pattern.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw error(.invalidValue, keyPath, "a [routes] entry needs a model name or glob as its key")
            }
            let name = try string(node, keyPath)
            guard let route = Route(rawValue: name) else {
                let names = Route.allCases.map(\.rawValue)
                throw error(.unknownRoute, keyPath, "unknown route for \(display(keyPath))\(Suggestion.clause(for: name, in: names)) (routes: \(names.joined(separator: ", ")))")
            }
            result.append(RouteOverride(pattern: pattern, route: route, source: source(keyPath)))
        }
        return result
    }

    // MARK: Values

    private func checkKeys(_ table: [String: TOMLNode], known: [String], at base: [String]) throws(ConfigError) {
        for key in table.keys.sorted() where !known.contains(key) {
            let place = base.isEmpty ? "at the top level" : "in [\(display(base))]"
            throw error(.unknownKey, base + [key], "unknown key '\(key)' \(place)\(Suggestion.clause(for: key, in: known)) (known keys: \(known.joined(separator: ", ")))")
        }
    }

    private func table(_ node: TOMLNode, _ keyPath: [String]) throws(ConfigError) -> [String: TOMLNode] {
        guard case .table(let table) = node else {
            throw error(.wrongType, keyPath, "\(display(keyPath)) must be a table ([\(display(keyPath))]); found \(node.typeDescription)")
        }
        return table
    }

    private func string(_ node: TOMLNode, _ keyPath: [String]) throws(ConfigError) -> String {
        guard case .string(let value) = node else {
            throw error(.wrongType, keyPath, "\(display(keyPath)) must be a string; found \(node.typeDescription)")
        }
        return value
    }

    private func nonEmptyString(_ node: TOMLNode, _ keyPath: [String]) throws(ConfigError) -> String {
        let value = try string(node, keyPath).trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { throw error(.invalidValue, keyPath, "\(display(keyPath)) must not be empty") }
        return value
    }

    private func integer(_ node: TOMLNode, _ keyPath: [String], in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard case .int(let value) = node else {
            throw error(.wrongType, keyPath, "\(display(keyPath)) must be an integer; found \(node.typeDescription)")
        }
        guard range.contains(value) else {
            throw error(.invalidValue, keyPath, "\(display(keyPath)) must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return value
    }

    private func seconds(_ node: TOMLNode, _ keyPath: [String], allowZero: Bool, max: Double = 86_400) throws(ConfigError) -> Sourced<Duration> {
        let value: Double
        switch node {
        case .int(let int): value = Double(int)
        case .double(let double): value = double
        default: throw error(.wrongType, keyPath, "\(display(keyPath)) must be a number of seconds; found \(node.typeDescription)")
        }
        guard value.isFinite, allowZero ? value >= 0 : value > 0, value <= max else {
            let lower = allowZero ? "0" : "more than 0"
            throw error(.invalidValue, keyPath, "\(display(keyPath)) must be \(lower) and at most \(Int(max)) seconds")
        }
        return Sourced(.seconds(value), source(keyPath))
    }

    // MARK: Helpers

    func source(_ keyPath: [String]) -> ConfigSource {
        .file(path: path, line: lines.line(for: keyPath))
    }

    private func error(_ kind: ConfigError.Kind, _ keyPath: [String], _ message: String) -> ConfigError {
        ConfigError(kind, message, source: source(keyPath), key: display(keyPath))
    }

    /// `timeouts.call`, `providers.crazyrouter.base_url`, `routes."nano-banana*"`.
    func display(_ keyPath: [String]) -> String {
        keyPath.map { part in
            part.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-" } && !part.isEmpty
                ? part : "\"\(part)\""
        }.joined(separator: ".")
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && CharacterSet.letters.contains(first)) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && CharacterSet.alphanumerics.contains($0)) }
    }
}
