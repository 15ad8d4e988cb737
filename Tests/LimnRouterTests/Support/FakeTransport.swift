import Foundation
@testable import LimnRouter

/// A thread-safe list the test doubles append to.
final class Recorder<Element: Sendable>: @unchecked Sendable {  // every access goes through the lock
    private var items: [Element] = []
    private let lock = NSLock()
    func append(_ item: Element) { lock.lock(); items.append(item); lock.unlock() }
    var all: [Element] { lock.lock(); defer { lock.unlock() }; return items }
}

/// An in-memory transport: answers each request from a script and records what it was sent.
struct FakeTransport: Transport {
    typealias Answer = @Sendable (HTTPRequest, Int) throws -> HTTPResponse
    let requests = Recorder<HTTPRequest>()
    let answer: Answer

    /// `answer` gets the request and how many requests came before it.
    init(_ answer: @escaping Answer) { self.answer = answer }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let index = requests.all.count
        requests.append(request)
        return try answer(request, index)
    }

    /// Answers in order from a list (the last one repeats).
    static func sequence(_ responses: [Result<HTTPResponse, TransportError>]) -> FakeTransport {
        FakeTransport { _, index in try responses[min(index, responses.count - 1)].get() }
    }

    static func json(_ status: Int, _ body: String, headers: [(String, String)] = []) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "application/json")] + headers), body: Data(body.utf8))
    }

    static func fixture(_ name: String, status: Int = 200) throws -> HTTPResponse {
        let type = name.hasSuffix(".sse") ? "text/event-stream" : "application/json"
        return HTTPResponse(status: status, headers: ["Content-Type": type], body: try Fixtures.body("shapes/" + name))
    }

    static func png(_ data: Data = Fixtures.tinyPNG) -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": "image/png"], body: data)
    }
}
