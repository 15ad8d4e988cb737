/// Something in the configuration that works but is probably not what the user meant
/// (a literal key in a file, a doubled `/v1/v1`, a key variable that is not set).
public struct ConfigWarning: Sendable, Equatable, CustomStringConvertible {
    /// What is wrong and what to do, never containing a key.
    public var message: String
    /// Where the setting came from.
    public var source: ConfigSource

    /// A warning.
    public init(_ message: String, source: ConfigSource) {
        self.message = message
        self.source = source
    }

    /// `/path/limn.toml:7: api_key is written in the file; …`.
    public var description: String { "\(source): \(message)" }
}
