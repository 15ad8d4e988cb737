/// Where a setting's value came from, as `limn config` prints it.
public enum ConfigSource: Sendable, Equatable, CustomStringConvertible {
    /// Built into Limn.
    case builtIn
    /// A built-in provider preset (`crazyrouter`, `openai`, `offline`).
    case preset(String)
    /// An environment variable.
    case environment(String)
    /// A config file; `line` when the key could be located in it.
    case file(path: String, line: Int?)
    /// A command-line flag such as `--provider`.
    case flag(String)

    /// `default`, `preset crazyrouter`, `env LIMN_BASE_URL`, `/path/limn.toml:12`, `--provider flag`.
    public var description: String {
        switch self {
        case .builtIn: "default"
        case .preset(let name): "preset \(name)"
        case .environment(let variable): "env \(variable)"
        case .file(let path, let line): line.map { "\(path):\($0)" } ?? path
        case .flag(let flag): "\(flag) flag"
        }
    }
}

/// A value together with where it came from and, when it helps, why.
public struct Sourced<Value: Sendable & Equatable>: Sendable, Equatable {
    /// The value in force.
    public var value: Value
    /// Where it came from.
    public var source: ConfigSource
    /// Why, when the source alone does not say (`no router configured`, `/v1 added`).
    public var note: String?

    /// A sourced value.
    public init(_ value: Value, _ source: ConfigSource, note: String? = nil) {
        self.value = value
        self.source = source
        self.note = note
    }

    /// The source with the note in parentheses: `env LIMN_BASE_URL (/v1 added)`.
    public var sourceDescription: String {
        note.map { "\(source) (\($0))" } ?? source.description
    }

    /// The same source and note around another value.
    func map<Other>(_ transform: (Value) -> Other) -> Sourced<Other> {
        Sourced<Other>(transform(value), source, note: note)
    }
}
