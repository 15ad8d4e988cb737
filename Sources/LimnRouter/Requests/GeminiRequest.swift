/// The native Gemini route: `models/{model}:generateContent` with inline images (router-shapes §4).
struct GeminiRequest {
    let call: Call

    func body() throws(RouterError) -> JSONObject {
        if call.mask != nil { throw RequestBuilder.maskError(call, .gemini) }
        var system: [JSONValue] = []
        if let text = call.options.system { system.append(["text": .string(text)]) }
        var contents: [JSONValue] = []
        for message in try ChatRequest(call: call).conversation() {
            if message.role == "system" {
                for case .text(let text) in message.parts { system.append(["text": .string(text)]) }
                continue
            }
            let role = message.role == "assistant" ? "model" : "user"
            contents.append(["role": .string(role), "parts": .array(message.parts.map(Self.part))])
        }
        var body: JSONObject = ["contents": .array(contents)]
        if !system.isEmpty { body["systemInstruction"] = ["parts": .array(system)] }
        var config = JSONObject()
        if call.operation != .chat { config["responseModalities"] = ["TEXT", "IMAGE"] }
        if let maxTokens = call.options.maxTokens { config["maxOutputTokens"] = .int(Int64(maxTokens)) }
        if let temperature = call.options.temperature { config["temperature"] = .double(temperature) }
        if !config.isEmpty { body["generationConfig"] = .object(config) }
        body.deepMerge(call.extra)
        return body
    }

    private static func part(_ part: ChatPart) -> JSONValue {
        switch part {
        case .text(let text):
            return ["text": .string(text)]
        case .image(let input):
            return ["inlineData": ["mimeType": .string(input.image.format.mime), "data": .span(JSONSpan(base64Of: input.image.bytes))]]
        }
    }
}
