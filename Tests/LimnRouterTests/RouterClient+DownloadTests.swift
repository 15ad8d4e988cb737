import Foundation
import Testing
@testable import LimnRouter

/// A transport that answers the router call with `urls` and holds each image download until
/// `expected` downloads are in flight together (or a second has passed), recording the most.
final class GatedDownloads: Transport, @unchecked Sendable {  // state behind `lock`
    let urls: [String]
    let expected: Int
    let failing: Set<String>
    private let lock = NSLock()
    private var inFlight = 0
    private(set) var most = 0
    private(set) var downloads: [String] = []

    init(urls: [String], expected: Int, failing: Set<String> = []) {
        self.urls = urls
        self.expected = expected
        self.failing = failing
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == "GET" else {
            let data = urls.map { #"{"url":"\#($0)"}"# }.joined(separator: ",")
            return FakeTransport.json(200, #"{"data":[\#(data)]}"#)
        }
        lock.withLock {
            inFlight += 1
            most = max(most, inFlight)
            downloads.append(request.url.absoluteString)
        }
        for _ in 0..<100 where lock.withLock({ most < expected }) { try await Task.sleep(for: .milliseconds(10)) }
        lock.withLock { inFlight -= 1 }
        if failing.contains(request.url.absoluteString) {
            return HTTPResponse(status: 404, headers: ["Content-Type": "text/plain"], body: Data("gone".utf8))
        }
        return FakeTransport.png()
    }
}

@Suite("The URLs of one reply download concurrently")
struct RouterClientDownloadTests {
    let urls = (1...4).map { "https://media.example.test/img-\($0).png" }

    func client(_ transport: any Transport, concurrency: Int = 4) -> RouterClient {
        var c = RouterClient(provider: Fixtures.provider, transport: transport, retry: RetryPolicy(maxRetries: 0), sleep: { _ in })
        c.downloadConcurrency = concurrency
        return c
    }

    @Test func fourURLsAreInFlightTogetherAndKeepTheirOrder() async throws {
        let transport = GatedDownloads(urls: urls, expected: 4)
        let result = try await client(transport).perform(Call(operation: .generate, model: "gpt-image-1", prompt: "four"))
        #expect(transport.most == 4)
        #expect(result.images.map(\.url) == urls)
    }

    @Test func theCapBoundsDownloadsInFlight() async throws {
        let transport = GatedDownloads(urls: urls, expected: 4)
        let result = try await client(transport, concurrency: 2).perform(Call(operation: .generate, model: "gpt-image-1", prompt: "four"))
        #expect(transport.most == 2)
        #expect(result.images.count == 4 && Set(transport.downloads) == Set(urls))
    }

    @Test func aFailedDownloadFailsTheCallNamingItsURL() async throws {
        let transport = GatedDownloads(urls: urls, expected: 4, failing: [urls[2]])
        do {
            _ = try await client(transport).perform(Call(operation: .generate, model: "gpt-image-1", prompt: "four"))
            Issue.record("the call should fail")
        } catch {
            #expect(error.message.contains("img-3.png") && error.message.contains("HTTP 404"), "\(error)")
        }
    }
}
