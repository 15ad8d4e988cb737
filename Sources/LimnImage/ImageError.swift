/// An image that could not be read or written.
public struct ImageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: String, Sendable { case unknownFormat, truncated, corrupt, tooLarge, unsupported, encode }
    /// The kind.
    public var kind: Kind
    /// One line saying what happened.
    public var message: String
    /// An error.
    public init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }
    /// The message.
    public var description: String { message }
}
