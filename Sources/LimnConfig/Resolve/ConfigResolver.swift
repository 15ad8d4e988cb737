import Foundation
import LimnRouter

/// Applies the precedence of `LimnConfiguration.load` to the environment, the merged config
/// files and the flags. Pure: no file or network access.
struct ConfigResolver {
    let environment: [String: String]
    let file: ConfigFile
    let providerFlag: String?
    let concurrencyFlag: Int?
    var warnings: [ConfigWarning] = []

    init(environment: [String: String], file: ConfigFile, providerFlag: String?, concurrencyFlag: Int?) {
        self.environment = environment
        self.file = file
        self.providerFlag = providerFlag
        self.concurrencyFlag = concurrencyFlag
        self.warnings = file.warnings
    }

    mutating func resolve() throws(ConfigError) -> LimnConfiguration {
        let provider = try selectProvider()
        let preset = ProviderPreset.named(provider.name.value)
        var configuration = LimnConfiguration(
            provider: provider,
            models: models(preset: preset),
            routeOverrides: routeOverrides(preset: preset),
            timeouts: TimeoutSettings(connect: file.connectTimeout ?? TimeoutSettings.builtIn.connect,
                                      call: file.callTimeout ?? TimeoutSettings.builtIn.call),
            retries: try retries(),
            concurrency: try concurrency(),
            files: file.paths,
            warnings: warnings)
        configuration.history = HistorySettings(offline: file.historyOffline ?? HistorySettings.builtIn.offline,
                                                maxSize: file.historyMaxSize ?? HistorySettings.builtIn.maxSize)
        configuration.run = RunSettings(sandbox: file.runSandbox ?? RunSettings.builtIn.sandbox,
                                        memoryLimit: file.runMemoryLimit, timeLimit: file.runTimeLimit)
        configuration.limits = LimitSettings(values: file.limits)
        configuration.prices = PriceTable(entries: Array(file.prices.values))
        return configuration
    }

    // MARK: Provider selection

    private mutating func selectProvider() throws(ConfigError) -> ProviderSettings {
        if let flag = providerFlag?.trimmingCharacters(in: .whitespaces), !flag.isEmpty {
            return try named(Sourced(flag, .flag("--provider")), environmentBase: variable("LIMN_BASE_URL").map { ($0, "LIMN_BASE_URL") })
        }
        if let base = variable("LIMN_BASE_URL") {
            return try fromEnvironment(base: base, baseVariable: "LIMN_BASE_URL", keyVariable: "LIMN_API_KEY")
        }
        if let selected = file.provider {
            return try named(selected, environmentBase: nil)
        }
        if variable("LIMN_API_KEY") != nil {
            throw ConfigError(.missingBaseURL, "LIMN_API_KEY is set but no router is, and Limn will not guess where to send a key: "
                + "set LIMN_BASE_URL too (for Crazyrouter, https://api.crazyrouter.com/v1), or choose a provider with "
                + "--provider crazyrouter or provider = \"crazyrouter\" in limn.toml", source: .environment("LIMN_API_KEY"))
        }
        if let base = variable("OPENAI_BASE_URL") {
            return try fromEnvironment(base: base, baseVariable: "OPENAI_BASE_URL", keyVariable: "OPENAI_API_KEY")
        }
        if variable("OPENAI_API_KEY") != nil {
            let openai = ProviderPreset.openai
            return try named(Sourced(openai.name, .environment("OPENAI_API_KEY"), note: "set without OPENAI_BASE_URL, so OpenAI itself, as the OpenAI SDKs do"),
                             environmentBase: nil)
        }
        return offline(Sourced(ProviderSettings.offlineName, .builtIn, note: "no base URL or key configured"))
    }

    /// A provider chosen by name (flag or file), with `LIMN_BASE_URL` over its base URL.
    private mutating func named(_ name: Sourced<String>, environmentBase: (String, String)?) throws(ConfigError) -> ProviderSettings {
        try checkKnown(name)
        if name.value == ProviderSettings.offlineName { return offline(name) }
        let preset = ProviderPreset.named(name.value)
        let section = file.providers[name.value]
        let base: Sourced<URL>
        if let (raw, variable) = environmentBase {
            base = try environmentURL(raw, variable: variable)
            if let configured = section?.baseURL?.value ?? preset?.baseURL, configured.host != base.value.host {
                warnings.append(ConfigWarning("\(variable) (\(base.value.host ?? "")) replaces the base URL of provider \(name.value) (\(configured.host ?? "")); unset it to use \(name.value)'s own", source: .environment(variable)))
            }
        } else if let configured = section?.baseURL {
            base = configured
        } else if let preset {
            base = Sourced(preset.baseURL, .preset(preset.name))
        } else {
            throw ConfigError(.missingBaseURL, "provider '\(name.value)' has no base_url: add base_url under [providers.\(name.value)], or set LIMN_BASE_URL",
                              source: section?.source ?? name.source)
        }
        return finish(name: name, base: base, primaryKeyVariable: "LIMN_API_KEY", section: section, preset: preset)
    }

    /// The router a base URL variable names: a known provider when the host matches one.
    private mutating func fromEnvironment(base raw: String, baseVariable: String, keyVariable: String) throws(ConfigError) -> ProviderSettings {
        let base = try environmentURL(raw, variable: baseVariable)
        let host = base.value.host?.lowercased()
        let fileMatch = file.providers.values.sorted { $0.name < $1.name }.first { $0.baseURL?.value.host?.lowercased() == host }
        let matchName = fileMatch?.name ?? ProviderPreset.matching(host: host)?.name
        let name = matchName.map { Sourced($0, .environment(baseVariable), note: "the host of provider \($0)") }
            ?? Sourced("env", .environment(baseVariable))
        if let selected = file.provider, selected.value != name.value {
            warnings.append(ConfigWarning("\(baseVariable) overrides provider = \"\(selected.value)\" at \(selected.source); unset \(baseVariable) to use \(selected.value)", source: .environment(baseVariable)))
        }
        if baseVariable == "LIMN_BASE_URL", variable("LIMN_API_KEY") == nil, variable("OPENAI_API_KEY") != nil, matchName != ProviderPreset.openai.name {
            warnings.append(ConfigWarning("OPENAI_API_KEY is not sent to the router in LIMN_BASE_URL; set LIMN_API_KEY for it", source: .environment(baseVariable)))
        }
        return finish(name: name, base: base, primaryKeyVariable: keyVariable,
                      section: matchName.flatMap { file.providers[$0] }, preset: matchName.flatMap(ProviderPreset.named))
    }

    private func offline(_ name: Sourced<String>) -> ProviderSettings {
        ProviderSettings(name: name, baseURL: Sourced(ProviderSettings.offlineBaseURL, .preset(ProviderSettings.offlineName)))
    }

    private mutating func finish(name: Sourced<String>, base: Sourced<URL>, primaryKeyVariable: String,
                                 section: ConfigFile.ProviderSection?, preset: ProviderPreset?) -> ProviderSettings {
        let key = apiKey(primary: primaryKeyVariable, section: section, preset: preset, provider: name, base: base.value)
        if key != nil, base.value.scheme == "http", !BaseURL.isLocal(base.value) {
            warnings.append(ConfigWarning("the base URL is plain http, so the key travels unencrypted; use https", source: base.source))
        }
        var upload: Sourced<String>?
        if let configured = section?.uploadPath {
            upload = configured.value.map { Sourced($0, configured.source) }
        } else if let path = preset?.uploadPath, let preset {
            upload = Sourced(path, .preset(preset.name))
        }
        return ProviderSettings(name: name, baseURL: base, apiKey: key, uploadPath: upload)
    }

    /// The key: the primary variable, then the file's `api_key_env` and `api_key`, then the preset's variables.
    private mutating func apiKey(primary: String, section: ConfigFile.ProviderSection?, preset: ProviderPreset?,
                                 provider: Sourced<String>, base: URL) -> Sourced<Secret>? {
        let providerName = provider.value
        if let key = variable(primary) { return Sourced(Secret(key), .environment(primary)) }
        if let named = section?.apiKeyEnv {
            if let key = variable(named.value) {
                return Sourced(Secret(key), .environment(named.value), note: "named by api_key_env at \(named.source)")
            }
            warnings.append(ConfigWarning("\(named.value), named by api_key_env for provider \(providerName), is not set", source: named.source))
        }
        if let literal = section?.apiKey { return literal }
        for name in preset?.keyVariables ?? [] where name != primary {
            if let key = variable(name) { return Sourced(Secret(key), .environment(name), note: "preset \(providerName)") }
        }
        if !BaseURL.isLocal(base) {
            let variables = ([primary] + (section?.apiKeyEnv.map { [$0.value] } ?? []) + (preset?.keyVariables ?? [])).reduce(into: [String]()) {
                if !$0.contains($1) { $0.append($1) }
            }
            warnings.append(ConfigWarning("no API key for provider \(providerName): set \(variables.joined(separator: " or ")); calls go without one", source: provider.source))
        }
        return nil
    }

    private func checkKnown(_ name: Sourced<String>) throws(ConfigError) {
        let known = ProviderPreset.all.map(\.name) + file.providers.keys.sorted().filter { ProviderPreset.named($0) == nil }
        guard known.contains(name.value) else {
            throw ConfigError(.unknownProvider, "unknown provider '\(name.value)'\(Suggestion.clause(for: name.value, in: known)) "
                + "(known: \(known.joined(separator: ", "))); to add one, write a [providers.\(name.value)] table with its base_url",
                source: name.source, key: name.source == .flag("--provider") ? nil : "provider")
        }
    }

    private mutating func environmentURL(_ raw: String, variable: String) throws(ConfigError) -> Sourced<URL> {
        let url = try BaseURL(raw, setting: variable, source: .environment(variable))
        warnings += url.warnings
        return Sourced(url.url, .environment(variable), note: url.note)
    }

    /// A variable's value, trimmed; nil when unset or blank.
    func variable(_ name: String) -> String? {
        guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
