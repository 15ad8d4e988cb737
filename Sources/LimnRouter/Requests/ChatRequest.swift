/// The chat route: `chat/completions` with string or parts content (router-shapes §2, §6.4).
struct ChatRequest {
    let call: Call

    func body() throws(RouterError) -> JSONObject {
        if call.mask != nil { throw RequestBuilder.maskError(call, .chat) }
        var messages: [JSONValue] = []
        if let system = call.options.system { messages.append(["role": "system", "content": .string(system)]) }
        for message in try conversation() {
            messages.append(["role": .string(message.role), "content": try content(message)])
        }
        var body: JSONObject = ["model": .string(call.model), "messages": .array(messages)]
        if let maxTokens = call.options.maxTokens { body["max_tokens"] = .int(Int64(maxTokens)) }
        if let temperature = call.options.temperature { body["temperature"] = .double(temperature) }
        body.deepMerge(call.extra)
        return body
    }

    /// The turns to send: the call's messages, or for generate/edit (and a bare chat prompt) one
    /// user turn made of the prompt and the input images.
    func conversation() throws(RouterError) -> [ChatMessage] {
        if !call.messages.isEmpty { return call.messages }
        var parts: [ChatPart] = []
        if let prompt = call.prompt, !prompt.isEmpty { parts.append(.text(prompt)) }
        parts += call.images.map { .image($0) }
        guard !parts.isEmpty else {
            throw RequestBuilder.configError("\(call.operation.rawValue) needs a prompt or messages", call, .chat)
        }
        return [ChatMessage(role: "user", parts: parts)]
    }

    /// A single text part as a plain string; anything else as typed parts.
    private func content(_ message: ChatMessage) throws(RouterError) -> JSONValue {
        if message.parts.isEmpty { return .string("") }
        if message.parts.count == 1, case .text(let text) = message.parts[0] { return .string(text) }
        var parts: [JSONValue] = []
        for part in message.parts {
            switch part {
            case .text(let text):
                parts.append(["type": "text", "text": .string(text)])
            case .image(let input):
                guard message.role == "user" else {
                    throw RequestBuilder.configError("images can only be sent in user messages, not in a \(message.role) message",
                                                     call, .chat)
                }
                parts.append(["type": "image_url", "image_url": ["url": ImagePayload.chatURL(input)]])
            }
        }
        return .array(parts)
    }
}
