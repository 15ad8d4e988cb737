import CLua
import CLuaShim
import Foundation
import LimnRouter

extension LuaHost {
    func chatCall(_ s: LuaStack) throws(BindingError) -> (Call, ImageObject?) {
        let spec = BindingSpec.chat
        if let text = s.string(1) {
            let call = Call(operation: .chat, model: options.models.chat, messages: [ChatMessage(role: "user", parts: [.text(text)])])
            return (call, nil)
        }
        guard s.type(1) == LUA_TTABLE else {
            throw BindingError(#"chat takes a string or a table: chat{ "Describe this.", img } (got \#(s.isNil(1) ? "no argument" : s.typeName(1)))"#)
        }
        let n = s.rawLength(1)
        let o = OptionReader(s, table: 1, spec: spec, positional: n > 0 ? 1...n : nil)
        try o.checkUnknownKeys()
        var call = Call(operation: .chat, model: try o.string("model") ?? options.models.chat)
        call.options.system = try o.string("system")
        call.options.maxTokens = try o.integer("max_tokens", range: 1...1_000_000)
        call.options.temperature = try o.number("temperature")
        if let system = call.options.system { call.messages.append(ChatMessage(role: "system", parts: [.text(system)])) }

        s.rawGet(1, "messages")
        if !s.isNil(-1) {
            guard s.type(-1) == LUA_TTABLE else { s.pop(); throw BindingError("chat: messages must be a list of {role=, content=}") }
            let count = s.rawLength(-1)
            for k in 0..<count {
                s.rawGet(-1, index: k + 1)
                defer { s.pop() }
                guard s.type(-1) == LUA_TTABLE else { s.pop(); throw BindingError("chat: messages[\(k + 1)] must be a table {role=, content=}") }
                s.rawGet(-1, "role")
                let role = s.string(-1) ?? "user"
                s.pop()
                s.rawGet(-1, "content")
                defer { s.pop() }
                let parts: [ChatPart]
                if let text = s.string(-1) {
                    parts = [.text(text)]
                } else if s.type(-1) == LUA_TTABLE {
                    parts = try chatParts(s, -1, what: "chat: messages[\(k + 1)].content")
                } else {
                    throw BindingError("chat: messages[\(k + 1)].content must be a string or a list of strings and Images")
                }
                call.messages.append(ChatMessage(role: role, parts: parts))
            }
        }
        s.pop()

        let turn = try chatParts(s, 1, what: "chat")
        if !turn.isEmpty { call.messages.append(ChatMessage(role: "user", parts: turn)) }
        guard call.messages.contains(where: { $0.role != "system" }) else {
            throw BindingError(#"chat: nothing to say — chat{ "Describe this picture.", img } or chat("Hello")"#)
        }
        try o.common(into: &call, imageDataURI: { self.imageObject(s, $0)?.image.dataURI })
        return (call, nil)
    }

    /// The list items of the table at `i` as chat parts: strings and Images.
    private func chatParts(_ s: LuaStack, _ i: Int32, what: String) throws(BindingError) -> [ChatPart] {
        let t = s.absolute(i)
        var parts: [ChatPart] = []
        let n = s.rawLength(t)
        guard n > 0 else { return [] }
        for k in 1...n {
            s.rawGet(t, index: k)
            defer { s.pop() }
            if let text = s.string(-1) {
                parts.append(.text(text))
            } else if let img = imageObject(s, -1) {
                parts.append(.image(InputImage(image: img.image, sourceURL: img.provenance.url)))
            } else {
                throw BindingError("\(what): item \(k) must be a string or an Image, got \(s.typeName(-1))")
            }
        }
        return parts
    }
}
