import Foundation

/// A failure the fake router injects for a number of matching requests before answering normally
/// (`FakeRouter.fail(_:times:model:route:)`).
public enum FakeFault: Sendable, Equatable {
    /// 429 with `Retry-After: seconds` (omitted when nil) and a `rate_limit_exceeded` error body.
    case rateLimited(retryAfter: Int? = 1)
    /// A 5xx with a new-api error body (`get_channel_failed`).
    case serverError(status: Int = 500)
    /// A proxy's HTML page (502 or 524).
    case htmlPage(status: Int = 502)
    /// HTTP 200 carrying an OpenAI-style error object (`get_channel_failed`, a server-side failure).
    case errorOnOK
    /// The normal answer with `Content-Length` of the whole body, but only half of it is sent
    /// before the connection closes.
    case truncatedBody
    /// The request is read and never answered; the connection stays open until the client leaves.
    case hang
    /// The response head is sent and the body never follows.
    case hangAfterHead
    /// The connection is reset (TCP RST) right after the request is read.
    case reset
    /// Any answer, given in place of the normal one.
    case answer(FakeAnswer)
}
