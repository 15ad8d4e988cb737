import Foundation
import LimnRouter

extension ConfigFile {
    /// Checks a project file (found beside or above the recipe) before a sandboxed run reads it.
    ///
    /// A recipe shared with its limn.toml must not be able to point the user's key at another
    /// host, pick which environment variable is sent as the key, or lift the limits that make the
    /// sandbox safe. It may still choose models, routes, timeouts and a preset by name, and lower
    /// any limit. The user's own config.toml is trusted and is not checked.
    /// - Throws: `ConfigError` naming the key and its line, and where such a setting belongs.
    func checkSandboxed() throws(ConfigError) {
        func refuse(_ key: String, _ source: ConfigSource, _ why: String) -> ConfigError {
            ConfigError(.invalidValue, "in the sandbox a recipe's limn.toml may not set \(key): \(why)", source: source, key: key)
        }
        for (name, section) in providers.sorted(by: { $0.key < $1.key }) {
            let fields: [(String, ConfigSource?)] = [("base_url", section.baseURL?.source), ("api_key_env", section.apiKeyEnv?.source),
                                                    ("api_key", section.apiKey?.source), ("upload_path", section.uploadPath?.source)]
            for (field, source) in fields {
                guard let source else { continue }
                throw refuse("providers.\(name).\(field)", source,
                             "it decides where your key goes; set the router with LIMN_BASE_URL, --provider or ~/.config/limn/config.toml")
            }
        }
        if let memory = runMemoryLimit, memory.value > RunSettings.sandboxMemoryLimit {
            throw refuse("run.memory_limit above \(Quantity.describe(bytes: RunSettings.sandboxMemoryLimit))", memory.source,
                         "a recipe may lower the sandbox's limits, not raise them; pass --memory-limit to raise it yourself")
        }
        if let time = runTimeLimit, time.value > RunSettings.sandboxTimeLimit {
            throw refuse("run.time_limit above \(Quantity.describe(RunSettings.sandboxTimeLimit))", time.source,
                         "a recipe may lower the sandbox's limits, not raise them; pass --time-limit to raise it yourself")
        }
        for (key, setting) in [("history.max_size", historyMaxSize?.source), ("history.offline", historyOffline?.source)] {
            guard let setting else { continue }
            throw refuse(key, setting, "the history is yours, not the recipe's (a small max_size would prune your images); set it in ~/.config/limn/config.toml")
        }
        for (key, value) in limits.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where value.value > key.builtIn {
            throw refuse("limits.\(key.rawValue) above \(key.describe(key.builtIn))", value.source,
                         "a recipe may lower limits, not raise them; raise it in ~/.config/limn/config.toml if you trust the router")
        }
    }
}
