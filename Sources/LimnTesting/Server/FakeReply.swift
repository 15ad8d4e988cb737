import Foundation

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
