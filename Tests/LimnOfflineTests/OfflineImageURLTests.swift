import Foundation
import LimnImage
import LimnRouter
import Testing
@testable import LimnOffline

@Suite struct OfflineImageURLTests {
    @Test func dallEAnswersWithURLsTheRouterServes() async throws {
        let response = try await Offline.post("/v1/images/generations", json: [
            "model": "dall-e-3", "prompt": "a red square on a white background", "size": "128x128", "n": 2,
        ])
        let json = try Offline.json(response)
        let urls = json["data"]?.arrayValue?.compactMap { $0["url"]?.stringValue } ?? []
        #expect(urls.count == 2)
        #expect(json["data"]?[0]?["b64_json"] == nil)
        #expect(urls.allSatisfy { $0.hasPrefix("http://offline.limn.invalid/v1/offline/images/") && $0.hasSuffix(".png") })
        #expect(try ResponseNormalizer.normalize(response: response, route: .images, operation: .generate).shape == .imagesURL)

        let download = try await Offline.router.send(HTTPRequest(method: "GET", url: try #require(URL(string: urls[0]))))
        #expect(download.status == 200)
        #expect(download.headers["Content-Type"] == "image/png")
        let pixels = try EncodedImage(validating: download.body).decode()
        #expect(pixels.width == 128 && pixels[64, 64] == RGBA(255, 0, 0))
        // The same image as the base64 answer to the same request.
        let b64 = try await Offline.generate("a red square on a white background", [("size", "128x128")])
        #expect(try Offline.images(b64).first?.bytes == download.body)
    }

    @Test func explicitResponseFormatWins() async throws {
        let b64 = try await Offline.post("/v1/images/generations", json: [
            "model": "dall-e-3", "prompt": "a star", "size": "32x32", "response_format": "b64_json",
        ])
        #expect(try Offline.json(b64)["data"]?[0]?["b64_json"]?.stringValue != nil)
        let url = try await Offline.generate("a star", [("size", "32x32"), ("response_format", "url"), ("output_format", "webp")])
        #expect(try Offline.json(url)["data"]?[0]?["url"]?.stringValue?.hasSuffix(".webp") == true)
    }

    @Test func dallEThroughTheClientDownloadsTheURL() async throws {
        var options = CallOptions()
        options.size = "64x64"
        let client = RouterClient(provider: OfflineRouter.provider, transport: Offline.router)
        let result = try await client.perform(Call(operation: .generate, model: "dall-e-3", prompt: "a blue circle on black",
                                                   options: options))
        let image = try #require(result.images.first)
        #expect(image.shape == .imagesURL)
        #expect(image.url?.contains("/v1/offline/images/") == true)
        #expect(try image.image.decode()[32, 32] == RGBA(0, 0, 255))
    }

    @Test func badTokensAre404() async throws {
        for path in ["/v1/offline/images/!!!.png", "/v1/offline/images/e30.png", "/v1/offline/images/"] {
            let response = try await Offline.router.send(HTTPRequest(method: "GET", url: Offline.url(path)))
            #expect(response.status == 404, "\(path)")
        }
    }
}
