import Foundation
import Testing
@testable import LimnRouter

@Suite("Request builder: chat and gemini")
struct ChatGeminiRequestTests {
    let provider = Fixtures.provider

    @Test func chatWithSystemTextAndImageValidates() throws {
        var options = CallOptions()
        options.system = "Be brief."
        options.maxTokens = 300
        options.temperature = 0.2
        let call = Call(operation: .chat, model: "gpt-4o",
                        messages: [ChatMessage(role: "user", parts: [.text("Describe this."), .image(try Fixtures.image())])],
                        options: options)
        let request = try RequestBuilder.build(call: call, route: .chat, provider: provider)
        #expect(request.url.absoluteString == "https://router.test/v1/chat/completions")
        #expect(request.headers["Authorization"] == "Bearer \(provider.apiKey!.revealedValue)")
        let body = try JSONValue.parse(request.body)
        #expect(body.objectValue?.keys == ["model", "messages", "max_tokens", "temperature"])
        #expect(body["messages"]?[0] == ["role": "system", "content": "Be brief."])
        let user = try #require(body["messages"]?[1])
        #expect(user["role"] == "user")
        #expect(user["content"]?[0] == ["type": "text", "text": "Describe this."])
        #expect(user["content"]?[1]?["type"] == "image_url")
        #expect(user["content"]?[1]?["image_url"]?["url"]?.stringValue == "data:image/png;base64," + Fixtures.tinyPNGBase64)
        #expect(body["max_tokens"] == .int(300))
        #expect(body["temperature"] == .double(0.2))
        #expect(try SchemaValidator.load().validate(body, against: "CreateChatCompletionRequest") == [])
    }

    @Test func singleTextPartIsAPlainStringAndSlashesAreNotEscaped() throws {
        let call = Call(operation: .chat, model: "gpt-4o", messages: [ChatMessage(role: "user", parts: [.text("see https://a.test/x")])])
        let request = try RequestBuilder.build(call: call, route: .chat, provider: provider)
        let body = try JSONValue.parse(request.body)
        #expect(body["messages"]?[0]?["content"] == "see https://a.test/x")
        #expect(String(decoding: request.body, as: UTF8.self).contains("https://a.test/x"))
        #expect(try SchemaValidator.load().validate(body, against: "CreateChatCompletionRequest") == [])
    }

    @Test(arguments: ["gpt-4o", "gpt-4o-image"])
    func generateAndEditOnAChatModelBecomeOneUserTurn(model: String) throws {
        let route = RouteTable.builtIn.route(for: model)
        #expect(route == .chat)
        let edit = Call(operation: .edit, model: model, prompt: "make it watercolor", images: [try Fixtures.image("tiny.webp")])
        let body = try JSONValue.parse(RequestBuilder.build(call: edit, route: route, provider: provider).body)
        let content = try #require(body["messages"]?[0]?["content"]?.arrayValue)
        #expect(body["messages"]?.arrayValue?.count == 1)
        #expect(content[0] == ["type": "text", "text": "make it watercolor"])
        #expect(content[1]["image_url"]?["url"]?.stringValue?.hasPrefix("data:image/webp;base64,UklGR") == true)
        #expect(try SchemaValidator.load().validate(body, against: "CreateChatCompletionRequest") == [])

        let generate = Call(operation: .generate, model: model, prompt: "a cat")
        let g = try JSONValue.parse(RequestBuilder.build(call: generate, route: route, provider: provider).body)
        #expect(g["messages"] == [["role": "user", "content": "a cat"]])
    }

    @Test func imagesOnlyInUserMessagesAndNoMaskOnChat() throws {
        let bad = Call(operation: .chat, model: "gpt-4o",
                       messages: [ChatMessage(role: "assistant", parts: [.text("x"), .image(try Fixtures.image())])])
        #expect { _ = try RequestBuilder.build(call: bad, route: .chat, provider: provider) } throws: { ($0 as? RouterError)?.kind == .config }
        let masked = Call(operation: .edit, model: "gpt-4o", prompt: "x", images: [try Fixtures.image()], mask: try Fixtures.image("mask.png"))
        #expect { _ = try RequestBuilder.build(call: masked, route: .chat, provider: provider) } throws: {
            ($0 as? RouterError)?.message.contains("mask") == true
        }
    }

    @Test func chatExtraMergesDeeply() throws {
        let call = Call(operation: .chat, model: "google/gemini-2.5-flash-image", prompt: "draw",
                        extra: ["modalities": ["image", "text"], "image_config": ["aspect_ratio": "16:9"]])
        let body = try JSONValue.parse(RequestBuilder.build(call: call, route: .chat, provider: provider).body)
        #expect(body["modalities"] == ["image", "text"])
        #expect(body["image_config"]?["aspect_ratio"] == "16:9")
    }

    // MARK: gemini

    @Test func geminiEditHasInlineDataModalitiesAndGoogleKeyHeader() throws {
        let call = Call(operation: .edit, model: "gemini-2.5-flash-image", prompt: "Edit this image", images: [try Fixtures.image("tiny.jpg")])
        let request = try RequestBuilder.build(call: call, route: .gemini, provider: provider)
        #expect(request.url.absoluteString == "https://router.test/v1beta/models/gemini-2.5-flash-image:generateContent")
        #expect(request.headers["x-goog-api-key"] == provider.apiKey!.revealedValue)
        #expect(request.headers["Authorization"] == nil)
        let body = try JSONValue.parse(request.body)
        #expect(body.objectValue?.keys == ["contents", "generationConfig"])
        let parts = try #require(body["contents"]?[0]?["parts"]?.arrayValue)
        #expect(body["contents"]?[0]?["role"] == "user")
        #expect(parts[0] == ["text": "Edit this image"])
        #expect(parts[1]["inlineData"]?["mimeType"] == "image/jpeg")
        #expect(parts[1]["inlineData"]?["data"]?.stringValue == (try Fixtures.data("tiny.jpg")).base64EncodedString())
        #expect(body["generationConfig"] == ["responseModalities": ["TEXT", "IMAGE"]])
    }

    @Test func geminiChatMapsRolesSystemAndConfig() throws {
        var options = CallOptions()
        options.system = "Answer in French."
        options.maxTokens = 50
        let call = Call(operation: .chat, model: "gemini-2.5-flash-image",
                        messages: [ChatMessage(role: "user", parts: [.text("hi")]), ChatMessage(role: "assistant", parts: [.text("salut")]),
                                   ChatMessage(role: "user", parts: [.text("again")])],
                        options: options, extra: ["generationConfig": ["imageConfig": ["aspectRatio": "1:1"]]])
        let body = try JSONValue.parse(RequestBuilder.build(call: call, route: .gemini, provider: provider).body)
        #expect(body["contents"]?.arrayValue?.compactMap { $0["role"]?.stringValue } == ["user", "model", "user"])
        #expect(body["systemInstruction"] == ["parts": [["text": "Answer in French."]]])
        #expect(body["generationConfig"] == ["maxOutputTokens": 50, "imageConfig": ["aspectRatio": "1:1"]])
    }

    @Test func geminiGenerateKeepsModalitiesWhenExtraAddsImageConfig() throws {
        let call = Call(operation: .generate, model: "nano-banana-2", prompt: "a fox",
                        extra: ["generationConfig": ["imageConfig": ["imageSize": "2K"]]], via: .gemini)
        let request = try RequestBuilder.build(call: call, route: .gemini, provider: provider)
        #expect(request.url.path == "/v1beta/models/nano-banana-2:generateContent")
        let body = try JSONValue.parse(request.body)
        #expect(body["generationConfig"] == ["responseModalities": ["TEXT", "IMAGE"], "imageConfig": ["imageSize": "2K"]])
    }
}
