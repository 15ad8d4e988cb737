/// The id of a run in the history (one `limn run` or one test file).
public struct RunID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The row id.
    public let rawValue: Int64
    /// A run id from its row id.
    public init(rawValue: Int64) { self.rawValue = rawValue }
    /// The row id as text.
    public var description: String { String(rawValue) }
}

/// The id of a recorded call (what `limn history show ID` takes).
public struct CallID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The row id.
    public let rawValue: Int64
    /// A call id from its row id.
    public init(rawValue: Int64) { self.rawValue = rawValue }
    /// The row id as text.
    public var description: String { String(rawValue) }
}
