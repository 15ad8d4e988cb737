import Foundation
import LimnImage
import LimnRouter

/// `POST /v1beta/models/{model}:generateContent`: Gemini's native shape, with the image as an
/// `inlineData` part when `generationConfig.responseModalities` includes `IMAGE`.
enum GeminiEndpoint {
    static func generateContent(_ request: HTTPRequest, model: String) throws -> HTTPResponse {
        let body = try RequestBody.jsonObject(request.body)
        guard let contents = body["contents"]?.arrayValue else { throw OfflineFailure.missing("contents") }
        let input = try ChatInput.fromGemini(contents: contents)
        let config = body["generationConfig"] ?? body["generation_config"]
        let modalities = (config?["responseModalities"] ?? config?["response_modalities"])?.arrayValue?
            .compactMap { $0.stringValue?.uppercased() } ?? []
        let imageConfig = config?["imageConfig"] ?? config?["image_config"]
        var options = ImageRequestOptions()
        options.size = ImageRequestOptions.geminiSize(aspectRatio: imageConfig?["aspectRatio"]?.stringValue,
                                                      imageSize: imageConfig?["imageSize"]?.stringValue)

        var parts: [JSONValue] = []
        var outputTokens = 0
        if modalities.contains("IMAGE") {
            guard !input.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || !input.images.isEmpty else {
                throw OfflineFailure(status: 400, "Request contains an invalid argument: the prompt is empty.",
                                     type: "INVALID_ARGUMENT", code: "invalid_argument")
            }
            let image: EncodedImage
            let text: String
            if input.images.isEmpty {
                image = try OfflineImaging.generate(prompt: input.text, options: options, index: 0)
                text = OfflineChat.generatedText(prompt: input.text)
            } else {
                image = try OfflineImaging.edit(input.images.map(\.pixels), mask: nil, prompt: input.text, options: options, index: 0)
                text = OfflineChat.editedText(effect: EditEffect(prompt: input.text), count: input.images.count)
            }
            if modalities.contains("TEXT") { parts.append(["text": .string(text)]) }
            parts.append(["inlineData": ["mimeType": .string(image.mime), "data": .string(image.bytes.base64EncodedString())]])
            outputTokens = OfflineResponse.tokens(text) + OfflineResponse.imageTokens(width: image.width, height: image.height)
        } else {
            var text = input.images.isEmpty && input.remoteURLs.isEmpty
                ? OfflineChat.answer(input.text, model: model) : OfflineChat.describe(input)
            if input.images.isEmpty && OfflineChat.asksForImage(input.text) {
                text += " To get an image, include \"IMAGE\" in generationConfig.responseModalities."
            }
            parts.append(["text": .string(text)])
            outputTokens = OfflineResponse.tokens(text)
        }
        let promptTokens = OfflineResponse.tokens(input.text) + input.images.count * 258
        return OfflineResponse.json([
            "candidates": [[
                "content": ["role": "model", "parts": .array(parts)],
                "finishReason": "STOP",
                "index": 0,
            ]],
            "usageMetadata": [
                "promptTokenCount": .int(Int64(promptTokens)),
                "candidatesTokenCount": .int(Int64(outputTokens)),
                "totalTokenCount": .int(Int64(promptTokens + outputTokens)),
            ],
            "modelVersion": .string(model),
            "responseId": .string("offline-" + String(SeededRandom.hash(model + input.text), radix: 16)),
        ])
    }
}
