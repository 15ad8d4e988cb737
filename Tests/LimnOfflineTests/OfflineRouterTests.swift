import Foundation
import LimnImage
import LimnRouter
import Testing
@testable import LimnOffline

@Suite struct OfflineRouterTests {
    @Test(arguments: [("POST", "/v1/models/list"), ("GET", "/v1/images/generations"), ("POST", "/v2/chat/completions"),
                      ("POST", "/v1beta/models/:generateContent")])
    func unknownRoutesAre404WithAnOpenAIError(method: String, path: String) async throws {
        let response = try await Offline.router.send(HTTPRequest(method: method, url: Offline.url(path), body: Data("{}".utf8)))
        #expect(response.status == 404)
        let error = try Offline.json(response)["error"]
        #expect(error?["type"]?.stringValue == "invalid_request_error")
        #expect(error?["code"]?.stringValue == "not_found")
        #expect(error?["message"]?.stringValue?.contains(path) == true)
        // Limn turns it into an error carrying the router's own message.
        #expect(throws: RouterError.self) {
            try ResponseNormalizer.normalize(response: response, route: .images, operation: .generate)
        }
    }

    @Test func baseURLAndProvider() {
        #expect(OfflineRouter.baseURL.absoluteString == "http://offline.limn.invalid/v1")
        #expect(OfflineRouter.provider.url(for: "images/generations").path == "/v1/images/generations")
        #expect(OfflineRouter.geminiModel("/v1beta/models/nano-banana-2:generateContent") == "nano-banana-2")
        #expect(OfflineRouter.geminiModel("/v1/models/x:generateContent") == nil)
    }

    @Test func cancellationThrowsTransportCancelled() async throws {
        let task = Task { () async throws -> HTTPResponse in
            withUnsafeCurrentTask { $0?.cancel() }
            return try await Offline.generate("a red square", [("size", "64x64")])
        }
        do {
            _ = try await task.value
            Issue.record("a cancelled request answered")
        } catch let error as TransportError {
            #expect(error.kind == .cancelled)
        }
    }

    @Test func routesWorkUnderTheProvidersOwnURLs() async throws {
        let provider = OfflineRouter.provider
        let body: JSONValue = ["model": "gpt-image-1", "prompt": "a star", "size": "32x32"]
        let images = try await OfflineRouter().send(HTTPRequest(url: provider.url(for: "images/generations"), body: body.serialized()))
        #expect(images.status == 200)
        let gemini: JSONValue = ["contents": [["parts": [["text": "hi"]]]]]
        let text = try await OfflineRouter().send(HTTPRequest(url: provider.geminiURL(model: "gemini-2.5-flash"), body: gemini.serialized()))
        #expect(text.status == 200)
    }
}
