import LimnRouter

extension ConfigResolver {
    /// Limn's defaults, then the preset's, then the files'.
    func models(preset: ProviderPreset?) -> ModelDefaults {
        var models = ModelDefaults.builtIn
        if let preset, let presetModels = preset.models {
            models.generate = Sourced(presetModels.generate, .preset(preset.name))
            models.edit = Sourced(presetModels.edit, .preset(preset.name))
            models.chat = Sourced(presetModels.chat, .preset(preset.name))
        }
        for (operation, model) in file.models { models[operation] = model }
        return models
    }

    /// The files' entries (most specific first), then the preset's that the files do not replace.
    func routeOverrides(preset: ProviderPreset?) -> [RouteOverride] {
        let filePatterns = Set(file.routes.map { $0.pattern.lowercased() })
        let presetRoutes = (preset?.routes ?? [])
            .filter { !filePatterns.contains($0.pattern.lowercased()) }
            .map { RouteOverride(pattern: $0.pattern, route: $0.route, source: .preset(preset?.name ?? "")) }
            .sorted(by: RouteOverride.moreSpecific)
        return file.routes + presetRoutes
    }

    func retries() throws(ConfigError) -> RetrySettings {
        let settings = RetrySettings(count: file.retryCount ?? RetrySettings.builtIn.count,
                                     base: file.retryBase ?? RetrySettings.builtIn.base,
                                     cap: file.retryCap ?? RetrySettings.builtIn.cap)
        guard settings.cap.value >= settings.base.value else {
            let culprit = file.retryCap != nil ? settings.cap.source : settings.base.source
            throw ConfigError(.invalidValue, "retries.cap (\(settings.cap.value.secondsText)) is below retries.base (\(settings.base.value.secondsText)); raise cap or lower base",
                              source: culprit, key: file.retryCap != nil ? "retries.cap" : "retries.base")
        }
        return settings
    }

    func concurrency() throws(ConfigError) -> Sourced<Int> {
        if let flag = concurrencyFlag {
            guard (1...256).contains(flag) else {
                throw ConfigError(.invalidValue, "--concurrency must be between 1 and 256", source: .flag("--concurrency"))
            }
            return Sourced(flag, .flag("--concurrency"))
        }
        return file.concurrency ?? Sourced(4, .builtIn)
    }
}

extension Duration {
    /// `15s`, `0.5s`, `600s`.
    var secondsText: String {
        let (seconds, attoseconds) = components
        if attoseconds == 0 { return "\(seconds)s" }
        let value = Double(seconds) + Double(attoseconds) / 1e18
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text + "s"
    }

    /// Whole milliseconds, for JSON.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
