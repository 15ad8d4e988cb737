import Foundation
import LimnRouter

/// The settings one limn.toml (or the user's config.toml) holds, validated, each with its line.
/// Two files merge with `overlaying(_:)`: the project file over the user's.
///
/// The schema (every key optional; unknown keys are errors with a suggestion):
/// ```toml
/// provider = "crazyrouter"        # the provider to use: a preset (crazyrouter, openai, offline) or a [providers.NAME]
/// concurrency = 8                 # requests in flight per run (1–256; --concurrency beats it)
///
/// [providers.crazyrouter]         # adjusts the preset; any other name defines a router
/// base_url = "https://api.crazyrouter.com/v1"   # /v1 is added when missing
/// api_key_env = "CRAZYROUTER_KEY" # the variable holding the key; keys belong in the environment
/// api_key = "sk-…"                # accepted, but warned about: anyone who reads the file can use it
/// upload_path = "files/uploads"   # upload endpoint for URL-only inputs; "" for none
///
/// [models]                        # defaults when a script names no model=
/// generate = "gpt-image-2"
/// edit = "gpt-image-2"
/// chat = "gpt-4o-mini"
///
/// [routes]                        # model name or glob → images | chat | gemini; exact names beat globs
/// "nano-banana*" = "gemini"
///
/// [timeouts]                      # seconds
/// connect = 15
/// call = 600
///
/// [retries]
/// count = 3                       # retries after the first attempt
/// base = 1.0                      # first backoff in seconds, doubling
/// cap = 30                        # longest backoff in seconds
///
/// [run]
/// sandbox = true                  # run recipes in the sandbox (like --sandbox)
/// memory_limit = "512M"           # Lua heap plus held images (like --memory-limit)
/// time_limit = "30s"              # CPU time of the recipe (like --time-limit)
///
/// [limits]                        # hostile input: refused with kind "limit" before allocating
/// response_size = "512M"          # one response body
/// download_size = "256M"          # one image download
/// image_size = "256M"             # one image's bytes
/// base64_length = "400M"          # characters of one base64 image
/// pixels = 64000000               # width × height of one image (or one GIF frame)
/// json_depth = 512                # nesting of arrays and objects in a JSON answer (8–1024)
/// images_per_answer = 64          # images in one answer
///
/// [history]
/// offline = false                 # keep the offline provider's images (default: rows only)
/// max_size = "2G"                 # stored images past this are pruned, oldest first
///
/// [prices."gpt-image-1"]          # cost totals at the end of a run; models may be globs
/// per_image = 0.04
/// sizes = { "1536x1024" = 0.06 }  # per-size overrides of per_image
/// input_per_million = 5.0         # per million tokens
/// output_per_million = 40.0
/// ```
struct ConfigFile: Sendable, Equatable {
    /// One `[providers.NAME]` table.
    struct ProviderSection: Sendable, Equatable {
        var name: String
        /// Where the table starts.
        var source: ConfigSource
        var baseURL: Sourced<URL>?
        var apiKeyEnv: Sourced<String>?
        var apiKey: Sourced<Secret>?
        /// `""` in the file means "no uploads" and is kept as nil value here.
        var uploadPath: Sourced<String?>?

        /// This section with `upper`'s keys taking precedence.
        func overlaying(_ upper: ProviderSection) -> ProviderSection {
            ProviderSection(name: name, source: upper.source, baseURL: upper.baseURL ?? baseURL, apiKeyEnv: upper.apiKeyEnv ?? apiKeyEnv,
                            apiKey: upper.apiKey ?? apiKey, uploadPath: upper.uploadPath ?? uploadPath)
        }
    }

    /// The files read, lowest precedence first.
    var paths: [String] = []
    var provider: Sourced<String>?
    var concurrency: Sourced<Int>?
    var providers: [String: ProviderSection] = [:]
    var models: [LimnRouter.Operation: Sourced<String>] = [:]
    /// Route entries, most specific first.
    var routes: [RouteOverride] = []
    var connectTimeout: Sourced<Duration>?
    var callTimeout: Sourced<Duration>?
    var retryCount: Sourced<Int>?
    var retryBase: Sourced<Duration>?
    var retryCap: Sourced<Duration>?
    var runSandbox: Sourced<Bool>?
    var historyOffline: Sourced<Bool>?
    var historyMaxSize: Sourced<Int>?
    var runMemoryLimit: Sourced<Int>?
    var runTimeLimit: Sourced<Duration>?
    var limits: [LimitSettings.Key: Sourced<Int>] = [:]
    var prices: [String: PriceTable.Entry] = [:]
    var warnings: [ConfigWarning] = []

    /// Reads and validates the file at `url`.
    static func load(_ url: URL) throws(ConfigError) -> ConfigFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ConfigError(.unreadable, "cannot read the config file (\(error.localizedDescription)); fix its permissions or remove it",
                              source: .file(path: url.path, line: nil))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(.unreadable, "the config file is not UTF-8 text", source: .file(path: url.path, line: nil))
        }
        return try parse(text, path: url.path)
    }

    /// Parses and validates TOML `text` read from `path`.
    static func parse(_ text: String, path: String) throws(ConfigError) -> ConfigFile {
        if let (line, column, byte) = firstControlCharacter(text) {
            throw ConfigError(.syntax, "not valid TOML: the control character U+\(String(format: "%04X", byte)) (column \(column)); "
                + "TOML allows only tab and line breaks", source: .file(path: path, line: line))
        }
        let document: TOMLParser.Document
        do {
            document = try TOMLParser.parse(text)
        } catch {
            throw ConfigError(.syntax, "not valid TOML: \(error.message) (column \(error.column))",
                              source: .file(path: path, line: error.line))
        }
        var reader = ConfigFileReader(path: path, lines: document.lines)
        var file = try reader.read(document.root)
        file.paths = [path]
        return file
    }

    /// The first control character TOML forbids anywhere (all but tab, LF and CR before LF), with
    /// its line and column, checked first so the message names the character wherever it is.
    static func firstControlCharacter(_ text: String) -> (line: Int, column: Int, byte: UInt8)? {
        let bytes = Array(text.utf8)
        var line = 1, lineStart = 0
        for (i, byte) in bytes.enumerated() {
            switch byte {
            case 0x0A:
                line += 1
                lineStart = i + 1
            case 0x09: continue
            case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A: continue
            case 0x00...0x1F, 0x7F: return (line, i - lineStart + 1, byte)
            default: continue
            }
        }
        return nil
    }

    /// This file with `upper` (a more specific file) taking precedence key by key.
    func overlaying(_ upper: ConfigFile) -> ConfigFile {
        var merged = ConfigFile()
        merged.paths = paths + upper.paths
        merged.provider = upper.provider ?? provider
        merged.concurrency = upper.concurrency ?? concurrency
        merged.providers = providers.merging(upper.providers) { lower, higher in lower.overlaying(higher) }
        merged.models = models.merging(upper.models) { _, higher in higher }
        let upperPatterns = Set(upper.routes.map { $0.pattern.lowercased() })
        merged.routes = (upper.routes + routes.filter { !upperPatterns.contains($0.pattern.lowercased()) })
            .sorted(by: RouteOverride.moreSpecific)
        merged.connectTimeout = upper.connectTimeout ?? connectTimeout
        merged.callTimeout = upper.callTimeout ?? callTimeout
        merged.retryCount = upper.retryCount ?? retryCount
        merged.retryBase = upper.retryBase ?? retryBase
        merged.retryCap = upper.retryCap ?? retryCap
        merged.runSandbox = upper.runSandbox ?? runSandbox
        merged.historyOffline = upper.historyOffline ?? historyOffline
        merged.historyMaxSize = upper.historyMaxSize ?? historyMaxSize
        merged.runMemoryLimit = upper.runMemoryLimit ?? runMemoryLimit
        merged.runTimeLimit = upper.runTimeLimit ?? runTimeLimit
        merged.limits = limits.merging(upper.limits) { _, higher in higher }
        merged.prices = prices.merging(upper.prices) { _, higher in higher }
        merged.warnings = warnings + upper.warnings
        return merged
    }
}
