/// A failure of the fake router itself (it could not start, a fixture is missing, …).
public struct FakeRouterError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String

    /// An error.
    public init(_ message: String) { self.message = message }

    /// `fake router: <message>`.
    public var description: String { "fake router: \(message)" }
}
