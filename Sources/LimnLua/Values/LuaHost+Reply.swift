import CLua
import CLuaShim
import Foundation
import LimnImage
import LimnRouter

/// Holds a reply's raw JSON until the script asks for `reply.raw`.
final class RawJSONBox {
    let json: JSONValue?
    init(_ json: JSONValue?) { self.json = json }
}

extension LuaHost {
    /// The `Reply` metatable: `tostring` is the text; `raw` is built on first use.
    func installReplyType() {
        let s = stack
        _ = luaL_newmetatable(L, LuaHost.replyType)
        let mt = s.top
        s.push(LuaHost.replyType); s.rawSet(mt, "__name")
        setFunction(mt, "__tostring") { s in
            guard s.type(1) == LUA_TTABLE else { s.push(""); return .values(1) }
            s.rawGet(1, "text")
            if s.type(-1) != LUA_TSTRING { s.pop(); s.push("") }
            return .values(1)
        }
        setFunction(mt, "__index") { s in
            guard s.type(1) == LUA_TTABLE, s.string(2) == "raw" else { s.pushNil(); return .values(1) }
            lua_getfield(s.L, LuaStack.registry, LuaHost.replyRawKey)
            s.pushValue(1)
            lua_rawget(s.L, -2)
            guard let p = shim_toobject(s.L, -1, "limn.RawJSON") else { s.pushNil(); return .values(1) }
            let box = Unmanaged<RawJSONBox>.fromOpaque(p).takeUnretainedValue()
            if let json = box.json { s.push(json: json) } else { s.pushNil() }
            s.pushValue(-1)
            s.rawSet(1, "raw") // cache: later reads are plain fields
            return .values(1)
        }
        s.pop()
        _ = luaL_newmetatable(L, "limn.RawJSON")
        setFunction(-1, "__gc") { s in
            if let p = shim_takeobject(s.L, 1) { Unmanaged<RawJSONBox>.fromOpaque(p).release() }
            return .values(0)
        }
        s.pop()
    }

    /// Pushes a Reply table for a call result; its images become Image userdata.
    func pushReply(_ result: CallResult, context: CallContext, on s: LuaStack) {
        let reply = result.reply
        s.newTable(record: 12)
        let t = s.top
        s.setField(t, "text", reply.text)
        s.setField(t, "shape", reply.shape.rawValue)
        s.setField(t, "model", reply.model ?? result.model)
        s.setField(t, "id", reply.id)
        s.setField(t, "finish_reason", reply.finishReason)
        s.setField(t, "route", result.route.rawValue)
        s.setField(t, "status", result.status)
        s.setField(t, "request_id", result.requestID)
        if let usage = reply.usage { s.push(json: usage); s.rawSet(t, "usage") }
        s.newTable(array: Int32(result.images.count))
        for (i, received) in result.images.enumerated() {
            push(imageObject(for: received, result: result, context: context), on: s)
            if i == 0 { s.pushValue(-1); s.rawSet(t, "image") }
            s.rawSet(-2, index: i + 1)
        }
        s.rawSet(t, "images")
        if let task = reply.task {
            s.newTable(record: 4)
            s.setField(-1, "id", task.id)
            s.setField(-1, "preview_url", task.previewURL)
            if let params = task.params { s.push(json: params); s.rawSet(-2, "params") }
            s.newTable(array: Int32(task.links.count))
            for (i, link) in task.links.enumerated() { s.push(link); s.rawSet(-2, index: i + 1) }
            s.rawSet(-2, "links")
            s.rawSet(t, "task")
        }
        luaL_setmetatable(s.L, LuaHost.replyType)
        // reply.raw stays in Swift until asked for.
        lua_getfield(s.L, LuaStack.registry, LuaHost.replyRawKey)
        s.pushValue(t)
        shim_pushobject(s.L, Unmanaged.passRetained(RawJSONBox(reply.raw)).toOpaque(), "limn.RawJSON")
        lua_rawset(s.L, -3)
        s.pop()
    }

    /// The ImageObject for a received image, with its provenance.
    func imageObject(for received: ReceivedImage, result: CallResult, context: CallContext) -> ImageObject {
        var p = ImageProvenance()
        p.operation = context.call?.operation.rawValue
        p.model = result.reply.model ?? result.model
        p.route = result.route
        p.prompt = context.call?.prompt ?? context.call.flatMap(LuaHost.lastUserText)
        p.revisedPrompt = received.revisedPrompt
        p.shape = received.shape
        p.url = received.url
        p.parameters = result.sentParameters
        return ImageObject(image: received.image, provenance: p, parent: context.parent)
    }

    static func lastUserText(_ call: Call) -> String? {
        for m in call.messages.reversed() where m.role == "user" {
            for part in m.parts { if case .text(let t) = part { return t } }
        }
        return nil
    }
}
