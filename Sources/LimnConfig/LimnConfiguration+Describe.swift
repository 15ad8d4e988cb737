import Foundation
import LimnRouter

extension LimnConfiguration {
    /// Every setting in force with its source, for `limn config`. Keys appear only masked
    /// (`sk-…wxyz`, or `…` for a key too short to show any of).
    public func describe() -> [ConfigLine] {
        var lines: [ConfigLine] = []
        func add(_ key: String, _ value: String, _ json: JSONValue, _ source: String) {
            lines.append(ConfigLine(key: key, value: value, jsonValue: json, source: source))
        }
        func add(_ key: String, _ value: Sourced<String>) {
            add(key, value.value, .string(value.value), value.sourceDescription)
        }
        func add(_ key: String, seconds value: Sourced<Duration>) {
            add(key, value.value.secondsText, .double(Double(value.value.milliseconds) / 1000), value.sourceDescription)
        }

        add("provider", provider.name)
        add("base_url", provider.baseURL.map(\.absoluteString))
        if let key = provider.apiKey {
            add("api_key", key.value.masked, .string(key.value.masked), key.sourceDescription)
        } else {
            add("api_key", "(none)", .null, provider.isOffline ? "not needed offline" : "not set")
        }
        if let upload = provider.uploadPath {
            add("upload_path", upload)
        } else {
            add("upload_path", "(none)", .null, provider.isOffline ? "not needed offline" : "not set: URL-only inputs need via=\"gemini\"")
        }
        add("models.generate", models.generate)
        add("models.edit", models.edit)
        add("models.chat", models.chat)
        add("concurrency", String(concurrency.value), .int(Int64(concurrency.value)), concurrency.sourceDescription)
        add("timeouts.connect", seconds: timeouts.connect)
        add("timeouts.call", seconds: timeouts.call)
        add("retries.count", String(retries.count.value), .int(Int64(retries.count.value)), retries.count.sourceDescription)
        add("retries.base", seconds: retries.base)
        add("retries.cap", seconds: retries.cap)
        add("history.offline", history.offline.value ? "true" : "false", .bool(history.offline.value), history.offline.sourceDescription)
        add("history.max_size", Quantity.describe(bytes: history.maxSize.value), .int(Int64(history.maxSize.value)), history.maxSize.sourceDescription)
        add("run.sandbox", run.sandbox.value ? "true" : "false", .bool(run.sandbox.value), run.sandbox.sourceDescription)
        if let memory = run.memoryLimit {
            add("run.memory_limit", Quantity.describe(bytes: memory.value), .int(Int64(memory.value)), memory.sourceDescription)
        }
        if let time = run.timeLimit { add("run.time_limit", seconds: time) }
        for key in LimitSettings.Key.allCases {
            let value = limits[key]
            add("limits.\(key.rawValue)", key.describe(value.value), .int(Int64(value.value)), value.sourceDescription)
        }
        for entry in prices.entries {
            let key = "prices.\(Self.quotedKey(entry.pattern))"
            let parts = [entry.perImage.map { ("per_image", $0) }, entry.perMillionInput.map { ("input_per_million", $0) },
                         entry.perMillionOutput.map { ("output_per_million", $0) }].compactMap { $0 }
                + entry.perSize.sorted { $0.key < $1.key }.map { ("sizes.\(Self.quotedKey($0.key))", $0.value) }
            for (name, value) in parts { add("\(key).\(name)", String(value), .double(value), entry.source.description) }
        }
        for entry in routeOverrides {
            add("routes.\(Self.quotedKey(entry.pattern))", entry.route.rawValue, .string(entry.route.rawValue), entry.source.description)
        }
        let overridden = Set(routeOverrides.map { $0.pattern.lowercased() })
        for entry in RouteTable.builtIn.entries where !overridden.contains(entry.pattern.lowercased()) {
            add("routes.\(Self.quotedKey(entry.pattern))", entry.route.rawValue, .string(entry.route.rawValue), "default")
        }
        add("route_fallback", RouteTable.builtIn.fallback.rawValue, .string(RouteTable.builtIn.fallback.rawValue), "default (any other model)")
        return lines
    }

    /// `describe()` as aligned text, followed by the files read and any warnings.
    public func describeText() -> String {
        var text = ConfigLine.table(describe())
        text += "\n\nconfig files: " + (files.isEmpty ? "(none found)" : files.joined(separator: ", "))
        for warning in warnings { text += "\nwarning: \(warning)" }
        return text
    }

    /// `limn config --json`: `{"settings": {key: {"value", "source"}}, "files": [...], "warnings": [...]}`,
    /// settings in the order of `describe()`. Keys appear only masked.
    public func describeJSON() -> String {
        var settings = JSONObject()
        for line in describe() {
            settings[line.key] = .object(["value": line.jsonValue, "source": .string(line.source)])
        }
        let document: JSONValue = .object([
            "settings": .object(settings),
            "files": .array(files.map { .string($0) }),
            "warnings": .array(warnings.map { .object(["message": .string($0.message), "source": .string($0.source.description)]) }),
        ])
        return document.jsonText
    }

    /// A route pattern as a TOML key: bare when it can be, quoted otherwise.
    private static func quotedKey(_ pattern: String) -> String {
        pattern.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-" } ? pattern : "\"\(pattern)\""
    }
}
