import Foundation
import LimnImage
import LimnRouter
import Testing
@testable import LimnOffline

@Suite struct ChatEndpointTests {
    static func chat(_ content: JSONValue, model: String = "gpt-4o", extra: [(String, JSONValue)] = []) async throws -> HTTPResponse {
        var body: JSONObject = ["model": .string(model), "messages": [["role": "user", "content": content]]]
        for (k, v) in extra { body[k] = v }
        return try await Offline.post("/v1/chat/completions", json: .object(body))
    }

    static func content(_ response: HTTPResponse) throws -> String {
        try Offline.json(response)["choices"]?[0]?["message"]?["content"]?.stringValue ?? ""
    }

    @Test func describesImagesCountSizeFormatAndColours() async throws {
        let red = try Offline.png(SceneRenderer.render(prompt: "a red square on a white background", width: 64, height: 64))
        let blue = try EncodedImage.encode(PixelBuffer(width: 32, height: 48, fill: RGBA(0, 0, 255)), as: .jpeg)
        let response = try await Self.chat([
            ["type": "text", "text": "Describe these pictures."],
            ["type": "image_url", "image_url": ["url": .string(red.dataURI)]],
            ["type": "image_url", "image_url": ["url": .string(blue.dataURI)]],
        ])
        let text = try Self.content(response)
        #expect(text.contains("2 images"))
        #expect(text.contains("64×64 PNG, mostly white, with red"))
        #expect(text.contains("32×48 JPEG, entirely blue"))
        #expect(!text.contains("![image]"))
    }

    @Test func completionHasTheStandardShape() async throws {
        let response = try await Self.chat("hello there")
        let json = try Offline.json(response)
        #expect(json["object"]?.stringValue == "chat.completion")
        #expect(json["id"]?.stringValue?.hasPrefix("chatcmpl-offline-") == true)
        #expect(json["model"]?.stringValue == "gpt-4o")
        #expect(json["choices"]?[0]?["finish_reason"]?.stringValue == "stop")
        #expect(json["choices"]?[0]?["message"]?["role"]?.stringValue == "assistant")
        #expect(json["usage"]?["total_tokens"]?.intValue ?? 0 > 0)
        let text = try Self.content(response)
        #expect(text.contains("hello there") && text.lowercased().contains("offline"))
        let reply = try ResponseNormalizer.normalize(response: response, route: .chat, operation: .chat)
        #expect(reply.shape == .text)
        #expect(try await Self.chat("hello there").body == response.body)
    }

    @Test func drawRequestsGetAMarkdownDataURIImage() async throws {
        let response = try await Self.chat("Draw a red square on a white background", extra: [("size", "128x128")])
        let text = try Self.content(response)
        #expect(text.contains("![image](data:image/png;base64,"))
        let reply = try ResponseNormalizer.normalize(response: response, route: .chat, operation: .generate)
        #expect(reply.shape == .markdownImage)
        guard case .bytes(let data, _)? = reply.images.first else { throw TestFailure("no inline image") }
        let pixels = try EncodedImage(validating: data).decode()
        #expect(pixels.width == 128 && pixels[64, 64] == RGBA(255, 0, 0))
    }

    @Test func imageModelsDrawWithoutBeingAsked() async throws {
        let text = try Self.content(try await Self.chat("a cat on a sofa", model: "gpt-4o-image", extra: [("size", "64x64")]))
        #expect(text.contains("![image](data:image/png;base64,"))
        let plain = try Self.content(try await Self.chat("a cat on a sofa", model: "gpt-4o"))
        #expect(!plain.contains("![image]"))
    }

    @Test func editPromptsWithImagesEditThem() async throws {
        let input = Offline.sample(width: 48, height: 32)
        let response = try await Self.chat([
            ["type": "text", "text": "Make it black and white"],
            ["type": "image_url", "image_url": ["url": .string(try Offline.png(input).dataURI)]],
        ])
        let reply = try ResponseNormalizer.normalize(response: response, route: .chat, operation: .edit)
        #expect(reply.shape == .markdownImage)
        guard case .bytes(let data, _)? = reply.images.first else { throw TestFailure("no inline image") }
        let pixels = try EncodedImage(validating: data).decode()
        #expect(pixels == EditEffect.grayscale.apply(to: input))
    }

    @Test func bareBase64AndUnfetchableURLs() async throws {
        let green = try Offline.png(PixelBuffer(width: 10, height: 10, fill: RGBA(0, 200, 0)))
        let text = try Self.content(try await Self.chat([
            ["type": "text", "text": "What is this?"],
            ["type": "image_url", "image_url": ["url": .string(green.bytes.base64EncodedString())]],
            ["type": "image_url", "image_url": ["url": "https://example.com/cat.png"]],
        ]))
        #expect(text.contains("One image: a 10×10 PNG, entirely green"))
        #expect(text.contains("cannot fetch"))
    }

    @Test func badChatRequests() async throws {
        let noMessages = try await Offline.post("/v1/chat/completions", json: ["model": "gpt-4o"])
        #expect(noMessages.status == 400)
        #expect(try Offline.json(noMessages)["error"]?["param"]?.stringValue == "messages")
        let badImage = try await Self.chat([["type": "image_url", "image_url": ["url": "data:image/png;base64,AAAA"]]])
        #expect(badImage.status == 400)
        let malformed = try await Offline.post("/v1/chat/completions", body: Data("{".utf8))
        #expect(malformed.status == 400)
    }

    @Test(arguments: [
        ("draw a cat", false, OfflineChat.Intent.generate),
        ("generate an image of a fox", false, .generate),
        ("Create a picture of a boat", false, .generate),
        ("what is the capital of France?", false, .answer),
        ("Describe this picture in one sentence.", true, .describe),
        ("Convert this image to watercolor painting style", true, .edit(.watercolor)),
        ("make it look old", true, .edit(.stylize)),
    ])
    func intents(text: String, hasImages: Bool, intent: OfflineChat.Intent) {
        #expect(OfflineChat.intent(text: text, hasImages: hasImages, model: "gpt-4o") == intent)
    }
}
