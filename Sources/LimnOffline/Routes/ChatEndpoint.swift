import Foundation
import LimnImage
import LimnRouter

/// `POST /v1/chat/completions`: a standard chat completion whose string content may carry a
/// Markdown data-URI image, the way new-api relays image models (`![image](data:image/png;base64,…)`).
enum ChatEndpoint {
    static func completions(_ request: HTTPRequest, created: Int) throws -> HTTPResponse {
        let bytes = request.body  // joined once
        let body = try RequestBody.jsonObject(bytes)
        guard let messages = body["messages"]?.arrayValue else { throw OfflineFailure.missing("messages") }
        guard !messages.isEmpty else {
            throw OfflineFailure.badRequest("'messages' must contain at least one message.", code: "empty_array", param: "messages")
        }
        let model = body["model"]?.stringValue ?? "offline"
        let input = try ChatInput.fromChat(messages: messages)
        // Chat has its own `n` (choices), so only the picture options are read here.
        let options = try ImageRequestOptions { name in name == "n" ? nil : RequestBody.text(body[name]) }

        var content: String
        var image: EncodedImage?
        switch OfflineChat.intent(text: input.text, hasImages: !input.images.isEmpty, model: model) {
        case .describe:
            content = OfflineChat.describe(input)
        case .edit(let effect):
            image = try OfflineImaging.edit(input.images.map(\.pixels), mask: nil, prompt: input.text, options: options, index: 0)
            content = OfflineChat.editedText(effect: effect, count: input.images.count)
        case .generate:
            image = try OfflineImaging.generate(prompt: input.text, options: options, index: 0)
            content = OfflineChat.generatedText(prompt: input.text)
        case .answer:
            content = OfflineChat.answer(input.text, model: model)
        }
        let textTokens = OfflineResponse.tokens(content)
        let imageTokens = image.map { OfflineResponse.imageTokens(width: $0.width, height: $0.height) } ?? 0
        if let image { content += "\n\n![image](\(image.dataURI))" }

        let promptText = messages.compactMap { $0["content"]?.stringValue }.joined(separator: "\n") + input.text
        let promptTokens = OfflineResponse.tokens(promptText) + input.images.count * 323
        let id = String(SeededRandom.hash(String(decoding: bytes.prefix(1 << 16), as: UTF8.self)), radix: 16)
        return OfflineResponse.json([
            "id": .string("chatcmpl-offline-\(id)"),
            "object": "chat.completion",
            "created": .int(Int64(created)),
            "model": .string(model),
            "choices": [[
                "index": 0,
                "message": ["role": "assistant", "content": .string(content)],
                "finish_reason": "stop",
            ]],
            "usage": [
                "prompt_tokens": .int(Int64(promptTokens)),
                "completion_tokens": .int(Int64(textTokens + imageTokens)),
                "total_tokens": .int(Int64(promptTokens + textTokens + imageTokens)),
            ],
            "system_fingerprint": "limn-offline",
        ])
    }
}
