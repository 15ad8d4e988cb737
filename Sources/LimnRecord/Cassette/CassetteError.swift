import Foundation

/// A cassette that cannot be read or written: missing, unreadable, tampered with, or a disk that
/// refuses the write. (A request the cassette does not hold is a `TransportError`, see
/// `ReplayTransport`.)
public struct CassetteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: String, Sendable {
        /// There is no cassette at the folder.
        case missing
        /// The index or a body file is malformed, or a body does not match its recorded sha256.
        case corrupt
        /// Reading or writing a file failed.
        case io
    }

    /// The kind of failure.
    public var kind: Kind
    /// What happened and what to do, in one line.
    public var message: String

    /// An error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// `cassette: <message>`.
    public var description: String { "cassette: \(message)" }
}
