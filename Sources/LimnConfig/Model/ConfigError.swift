/// A configuration that cannot be used: the CLI prints `description` and exits 2.
/// Every message names where the problem is (file and line, variable or flag) and what to do.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem.
    public enum Kind: String, Sendable, CaseIterable {
        /// The file is not valid TOML.
        case syntax
        /// The file could not be read.
        case unreadable
        /// A key Limn does not know (usually a typo).
        case unknownKey = "unknown_key"
        /// A value of the wrong TOML type.
        case wrongType = "wrong_type"
        /// A value of the right type that is not allowed (a negative timeout, a bad URL).
        case invalidValue = "invalid_value"
        /// A provider name that is neither a preset nor defined in a file.
        case unknownProvider = "unknown_provider"
        /// A route name other than `images`, `chat`, `gemini`.
        case unknownRoute = "unknown_route"
        /// A key with nowhere to send it, or a provider with no base URL.
        case missingBaseURL = "missing_base_url"
    }

    /// The kind.
    public var kind: Kind
    /// What happened and what to do. Never contains a key.
    public var message: String
    /// Where: a file position, a variable or a flag; nil when it is the combination that is wrong.
    public var source: ConfigSource?
    /// The offending key (`timeouts.call`, `providers.crazyrouter.base_url`), when there is one.
    public var key: String?

    /// An error.
    public init(_ kind: Kind, _ message: String, source: ConfigSource? = nil, key: String? = nil) {
        self.kind = kind
        self.message = message
        self.source = source
        self.key = key
    }

    /// `config: /path/limn.toml:4: unknown key 'concurency'; did you mean 'concurrency'?`
    public var description: String {
        "config: " + (source.map { "\($0): " } ?? "") + message
    }
}
