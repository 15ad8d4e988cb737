import Foundation

/// How a run ended.
public enum RunOutcome: String, Sendable, CaseIterable {
    /// Still going, or killed before it could say (a SIGKILL leaves this).
    case running
    /// The script finished without an uncaught error.
    case succeeded
    /// The script raised an uncaught error, or a test failed.
    case failed
    /// Stopped by Ctrl-C.
    case interrupted
}

/// What the history records about a run when it begins.
public struct RunInfo: Sendable, Equatable {
    /// The script's path as given.
    public var scriptPath: String?
    /// The script's SHA-256 (hex), so a later edit of the script is visible.
    public var scriptSHA256: String?
    /// Arguments after `--` (key-like strings are redacted when stored).
    public var arguments: [String]
    /// The provider's name (`offline`, `crazyrouter`, …).
    public var provider: String
    /// The router's host only: never a path, query or user info, which might hold a credential.
    public var baseURLHost: String?
    /// `limn.version`.
    public var limnVersion: String
    /// When the run began.
    public var started: Date

    /// Run information. `baseURL` is reduced to its host, as written: punycode stays punycode,
    /// the form the connection uses (decoding it would load ICU's IDNA tables on every start).
    public init(scriptPath: String? = nil, scriptSHA256: String? = nil, arguments: [String] = [], provider: String,
                baseURL: String? = nil, limnVersion: String, started: Date = Date()) {
        self.scriptPath = scriptPath
        self.scriptSHA256 = scriptSHA256
        self.arguments = arguments
        self.provider = provider
        self.baseURLHost = baseURL.flatMap { URLComponents(string: $0)?.encodedHost }
        self.limnVersion = limnVersion
        self.started = started
    }
}
