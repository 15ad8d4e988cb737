import LimnRouter

/// How recipes run (`[run]` in limn.toml): the sandbox and the two limits. Command-line flags
/// (`--sandbox`, `--memory-limit`, `--time-limit`) beat these.
public struct RunSettings: Sendable, Equatable {
    /// Run every recipe in the sandbox. Default false.
    public var sandbox: Sourced<Bool>
    /// Cap on the recipe's memory in bytes (nil: none, or 512 MB in the sandbox).
    public var memoryLimit: Sourced<Int>?
    /// Cap on the recipe's CPU time (nil: none, or 30 s in the sandbox).
    public var timeLimit: Sourced<Duration>?

    /// Run settings.
    public init(sandbox: Sourced<Bool> = Sourced(false, .builtIn), memoryLimit: Sourced<Int>? = nil, timeLimit: Sourced<Duration>? = nil) {
        self.sandbox = sandbox
        self.memoryLimit = memoryLimit
        self.timeLimit = timeLimit
    }

    /// The memory limit in the sandbox when neither a flag nor a file sets one: 512 MB.
    public static let sandboxMemoryLimit = 512 << 20
    /// The CPU-time limit in the sandbox when neither a flag nor a file sets one: 30 s.
    public static let sandboxTimeLimit = Duration.seconds(30)

    /// No sandbox, no limits.
    public static let builtIn = RunSettings()
}
