import Foundation
import LimnRouter

/// An in-memory router for tests: answers each request with `answer(request, n)` where `n` counts
/// the calls so far (1-based), and remembers what it was sent.
struct FakeTransport: Transport {
    /// The requests received, in order.
    actor Log {
        private(set) var requests: [HTTPRequest] = []
        func append(_ request: HTTPRequest) -> Int {
            requests.append(request)
            return requests.count
        }
        var count: Int { requests.count }
    }

    let log = Log()
    let answer: @Sendable (HTTPRequest, Int) async throws -> HTTPResponse

    init(_ answer: @escaping @Sendable (HTTPRequest, Int) async throws -> HTTPResponse) {
        self.answer = answer
    }

    /// A fake that always answers `response`.
    init(always response: HTTPResponse) {
        self.init { _, _ in response }
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let n = await log.append(request)
        return try await answer(request, n)
    }

    /// How many requests reached the fake.
    var callCount: Int { get async { await log.count } }
}

/// A transport that must never be called (replay tests prove they need no network).
struct UnreachableTransport: Transport {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        throw TransportError(.connect, "the network was used during replay: \(request)")
    }
}
