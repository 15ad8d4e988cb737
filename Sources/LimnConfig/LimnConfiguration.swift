import Foundation
import LimnRouter

/// Everything in force for a run — provider, default models, route overrides, timeouts,
/// retries, concurrency — each value with where it came from (`limn config` prints them).
///
/// Precedence, highest first: command-line flags, the environment, the project's `limn.toml`
/// (nearest from the script's folder upward), the user's `config.toml`, the selected provider's
/// preset, Limn's defaults. See `load(…)` for how the provider is chosen and `ConfigFile` for
/// the file schema.
public struct LimnConfiguration: Sendable, Equatable {
    /// The router to talk to (`offline` for the in-process one).
    public var provider: ProviderSettings
    /// Default model per operation.
    public var models: ModelDefaults
    /// Route entries tried before the built-in table, in order: the files' (most specific first), then the preset's.
    public var routeOverrides: [RouteOverride]
    /// Connect and call timeouts.
    public var timeouts: TimeoutSettings
    /// Retry count and backoff.
    public var retries: RetrySettings
    /// Requests in flight per run.
    public var concurrency: Sourced<Int>
    /// The sandbox and the memory and time limits.
    public var run: RunSettings = .builtIn
    /// Hostile-input limits (`[limits]`).
    public var limits: LimitSettings = .builtIn
    /// What the history keeps (`[history]`).
    public var history: HistorySettings = .builtIn
    /// Prices for cost totals (`[prices]`).
    public var prices = PriceTable()
    /// The config files read, lowest precedence first.
    public var files: [String]
    /// Things that work but are probably not meant; the CLI prints them on stderr.
    public var warnings: [ConfigWarning]

    /// A configuration.
    public init(provider: ProviderSettings, models: ModelDefaults = .builtIn, routeOverrides: [RouteOverride] = [],
                timeouts: TimeoutSettings = .builtIn, retries: RetrySettings = .builtIn,
                concurrency: Sourced<Int> = Sourced(4, .builtIn), files: [String] = [], warnings: [ConfigWarning] = []) {
        self.provider = provider
        self.models = models
        self.routeOverrides = routeOverrides
        self.timeouts = timeouts
        self.retries = retries
        self.concurrency = concurrency
        self.files = files
        self.warnings = warnings
    }

    /// Whether calls go to the built-in offline provider.
    public var isOffline: Bool { provider.isOffline }

    /// The route table: the overrides in front of the built-in table of DESIGN §3.
    public var routeTable: RouteTable { RouteTable.builtIn.overriding(with: routeOverrides.map(\.entry)) }

    /// Loads the configuration for a run.
    ///
    /// The provider is chosen by the first of these that applies:
    /// 1. `--provider NAME` (`offline` forces the offline provider whatever else is set);
    /// 2. `LIMN_BASE_URL`: the router there, named after the preset or `[providers.NAME]` whose
    ///    host it has (so that provider's key variable and upload path apply), else `env`;
    /// 3. `provider = "NAME"` in limn.toml (project over user);
    /// 4. `LIMN_API_KEY` alone is an error: Limn will not guess where to send a key;
    /// 5. `OPENAI_BASE_URL` / `OPENAI_API_KEY`, as the OpenAI SDKs read them (a key alone means
    ///    `https://api.openai.com/v1`); they are never mixed with `LIMN_*` or a selected provider;
    /// 6. otherwise the offline provider.
    ///
    /// For the chosen provider, `LIMN_BASE_URL` beats the file's `base_url`, which beats the
    /// preset's; the key is the first set of `LIMN_API_KEY`, the variable the file names in
    /// `api_key_env`, a literal `api_key` (warned about), the preset's variable
    /// (`CRAZYROUTER_API_KEY`, `OPENAI_API_KEY`). A provider with no key is allowed (local
    /// routers) but warned about unless it is on this machine.
    ///
    /// - Parameters:
    ///   - environment: the process environment.
    ///   - scriptDirectory: where to start looking for `limn.toml`; commands without a script
    ///     pass the current directory; nil reads no project file.
    ///   - homeDirectory: for `~/.config/limn/config.toml` (`$XDG_CONFIG_HOME` wins when set).
    ///   - providerFlag: the `--provider` value.
    ///   - concurrencyFlag: the `--concurrency` value.
    ///   - sandbox: `--sandbox` was given. In the sandbox (or with `[run] sandbox = true` in the
    ///     user's file) the project file is untrusted: see `ConfigFile.checkSandboxed()`.
    public static func load(environment: [String: String], scriptDirectory: URL?, homeDirectory: URL,
                            providerFlag: String?, concurrencyFlag: Int? = nil, sandbox: Bool = false) throws(ConfigError) -> LimnConfiguration {
        var file = ConfigFile()
        let userURL = ConfigFileLocator.userFile(environment: environment, homeDirectory: homeDirectory)
        if ConfigFileLocator.isFile(userURL) { file = try ConfigFile.load(userURL) }
        if let scriptDirectory, let projectURL = ConfigFileLocator.projectFile(from: scriptDirectory),
           projectURL.standardizedFileURL.path != userURL.standardizedFileURL.path {
            let project = try ConfigFile.load(projectURL)
            if sandbox || file.runSandbox?.value == true { try project.checkSandboxed() }
            file = file.overlaying(project)
        }
        return try resolve(environment: environment, file: file, providerFlag: providerFlag, concurrencyFlag: concurrencyFlag)
    }

    /// Resolves already-read files against the environment and flags (the part of `load` without I/O).
    static func resolve(environment: [String: String], file: ConfigFile, providerFlag: String?,
                        concurrencyFlag: Int?) throws(ConfigError) -> LimnConfiguration {
        var resolver = ConfigResolver(environment: environment, file: file, providerFlag: providerFlag, concurrencyFlag: concurrencyFlag)
        return try resolver.resolve()
    }
}
