import LimnRouter

/// What the history store keeps (`[history]` in limn.toml).
public struct HistorySettings: Sendable, Equatable {
    /// Keep the images the offline provider draws (they can be drawn again from their prompt
    /// and seed, so by default only their rows are kept). Default false.
    public var offline: Sourced<Bool>
    /// Past this many bytes of stored images, the oldest image bodies are pruned at the end of
    /// a run (their rows stay, marked pruned). Default 2 GB.
    public var maxSize: Sourced<Int>

    public init(offline: Sourced<Bool> = Sourced(false, .builtIn), maxSize: Sourced<Int> = Sourced(HistorySettings.defaultMaxSize, .builtIn)) {
        self.offline = offline
        self.maxSize = maxSize
    }

    /// 2 GB.
    public static let defaultMaxSize = 2 << 30

    public static let builtIn = HistorySettings()
}
