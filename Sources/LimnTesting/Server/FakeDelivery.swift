import Foundation

/// How the fake router delivers one answer on the wire.
enum FakeDelivery: Sendable {
    /// A whole response.
    case response(FakeReply)
    /// The head with the whole body's `Content-Length`, half of the body, then the connection closes.
    case truncated(FakeReply)
    /// Nothing at all; the connection stays open until the client leaves.
    case hang
    /// The head with the whole body's `Content-Length`, then nothing.
    case hangAfterHead(FakeReply)
    /// A TCP reset.
    case reset
}
