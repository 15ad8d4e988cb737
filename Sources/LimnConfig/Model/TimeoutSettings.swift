/// How long to wait (DESIGN §7).
public struct TimeoutSettings: Sendable, Equatable {
    /// To establish a connection: a refused or unreachable router fails this fast. Default 15 s.
    public var connect: Sourced<Duration>
    /// For a whole call, per attempt, unless the script gives `timeout=`. Default 600 s (image models are slow).
    public var call: Sourced<Duration>

    /// Timeout settings.
    public init(connect: Sourced<Duration>, call: Sourced<Duration>) {
        self.connect = connect
        self.call = call
    }

    /// Connect 15 s, call 600 s.
    public static let builtIn = TimeoutSettings(connect: Sourced(.seconds(15), .builtIn), call: Sourced(.seconds(600), .builtIn))
}
