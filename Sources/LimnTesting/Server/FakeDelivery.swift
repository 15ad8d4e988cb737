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

/// A response as bytes: status, header fields and body.
struct FakeReply: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: Data

    init(status: Int, contentType: String? = nil, headers: [(String, String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = (contentType.map { [("Content-Type", $0)] } ?? []) + headers
        self.body = body
    }
}
