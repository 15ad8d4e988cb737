import Foundation
import LimnImage
import LimnRouter
import Testing
@testable import LimnOffline

@Suite struct GeminiEndpointTests {
    static let path = "/v1beta/models/gemini-2.5-flash-image:generateContent"

    static func request(_ parts: [JSONValue], modalities: [JSONValue]? = ["TEXT", "IMAGE"],
                        imageConfig: JSONValue? = nil) async throws -> HTTPResponse {
        var body: JSONObject = ["contents": [["role": "user", "parts": .array(parts)]]]
        var config = JSONObject()
        if let modalities { config["responseModalities"] = .array(modalities) }
        if let imageConfig { config["imageConfig"] = imageConfig }
        if !config.isEmpty { body["generationConfig"] = .object(config) }
        return try await Offline.post(path, json: .object(body))
    }

    static func inlineImage(_ response: HTTPResponse) throws -> PixelBuffer {
        let parts = try Offline.json(response)["candidates"]?[0]?["content"]?["parts"]?.arrayValue ?? []
        guard let data = parts.compactMap({ $0["inlineData"]?["data"]?.stringValue }).first,
              let bytes = Data(base64Encoded: data) else { throw TestFailure("no inlineData part") }
        return try EncodedImage(validating: bytes).decode()
    }

    @Test func imageModalityReturnsInlineData() async throws {
        let response = try await Self.request([["text": "a red square on a white background"]])
        #expect(response.status == 200)
        let json = try Offline.json(response)
        #expect(json["candidates"]?[0]?["finishReason"]?.stringValue == "STOP")
        #expect(json["candidates"]?[0]?["content"]?["role"]?.stringValue == "model")
        #expect(json["candidates"]?[0]?["content"]?["parts"]?[1]?["inlineData"]?["mimeType"]?.stringValue == "image/png")
        #expect(json["usageMetadata"]?["totalTokenCount"]?.intValue ?? 0 > 0)
        let pixels = try Self.inlineImage(response)
        #expect(pixels[512, 512] == RGBA(255, 0, 0) && pixels[0, 0] == .white)
        let reply = try ResponseNormalizer.normalize(response: response, route: .gemini, operation: .generate)
        #expect(reply.shape == .geminiInline)
        #expect(reply.images.count == 1)
    }

    @Test func inlineImagesAreEdited() async throws {
        let input = Offline.sample(width: 40, height: 30)
        let b64 = JSONValue.string(try Offline.png(input).bytes.base64EncodedString())
        let camel = try await Self.request([["text": "make it sepia"], ["inlineData": ["mimeType": "image/png", "data": b64]]])
        #expect(try Self.inlineImage(camel) == EditEffect.sepia.apply(to: input))
        let snake = try await Self.request([["text": "make it sepia"], ["inline_data": ["mime_type": "image/png", "data": b64]]])
        #expect(try Self.inlineImage(snake) == EditEffect.sepia.apply(to: input))
    }

    @Test func withoutImageModalityItAnswersInText() async throws {
        let b64 = JSONValue.string(try Offline.png(PixelBuffer(width: 8, height: 8, fill: RGBA(255, 255, 0))).bytes.base64EncodedString())
        let response = try await Self.request([["text": "what is this?"], ["inlineData": ["mimeType": "image/png", "data": b64]]],
                                              modalities: nil)
        let parts = try Offline.json(response)["candidates"]?[0]?["content"]?["parts"]?.arrayValue ?? []
        #expect(parts.count == 1)
        #expect(parts.first?["text"]?.stringValue?.contains("8×8 PNG, entirely yellow") == true)
    }

    @Test func aspectRatioSetsTheSize() async throws {
        let pixels = try Self.inlineImage(try await Self.request([["text": "mountains"]], modalities: ["IMAGE"],
                                                                 imageConfig: ["aspectRatio": "16:9"]))
        #expect(pixels.width == 1024 && pixels.height == 576)
    }

    @Test func emptyPromptAndMissingContentsAre400() async throws {
        #expect(try await Self.request([["text": " "]]).status == 400)
        #expect(try await Offline.post(Self.path, json: ["generationConfig": [:]]).status == 400)
    }
}
