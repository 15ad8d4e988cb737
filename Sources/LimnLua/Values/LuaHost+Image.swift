import CLua
import CLuaShim
import Foundation
import LimnImage
import LimnRouter

extension LuaHost {
    /// The `Image` metatable: fields through `__index`, methods from a registry table.
    func installImageType() {
        let s = stack
        _ = luaL_newmetatable(L, LuaHost.imageType)
        let mt = s.top
        s.push(LuaHost.imageType); s.rawSet(mt, "__name")
        // getmetatable(img) gives the type's name: a recipe cannot call __gc by hand or rewire Images.
        s.push(LuaHost.imageType); s.rawSet(mt, "__metatable")
        setFunction(mt, "__index") { [unowned self] s in self.imageIndex(s) }
        setFunction(mt, "__tostring") { [unowned self] s in
            guard let img = self.imageObject(s, 1) else { return s.raise("tostring: Image expected") }
            s.push(img.summary)
            return .values(1)
        }
        setFunction(mt, "__eq") { [unowned self] s in
            let a = self.imageObject(s, 1), b = self.imageObject(s, 2)
            s.push(a != nil && b != nil && a?.image.sha256 == b?.image.sha256)
            return .values(1)
        }
        setFunction(mt, "__gc") { [unowned self] s in
            if let p = shim_takeobject(s.L, 1) {
                let object = Unmanaged<ImageObject>.fromOpaque(p)
                self.releaseExternal(object.takeUnretainedValue().image.bytes.count)
                object.release()
                self.imagesFinalized += 1
            }
            return .values(0)
        }
        s.pop()

        s.newTable()
        let methods = s.top
        setFunction(methods, "save") { [unowned self] s in self.saveBinding(s, name: "Image:save") }
        setFunction(methods, "convert") { [unowned self] s in self.convertMethod(s) }
        setFunction(methods, "data_uri") { [unowned self] s in
            guard let img = self.imageObject(s, 1) else { return s.raise("data_uri: call it as img:data_uri()") }
            s.push(img.image.dataURI)
            return .values(1)
        }
        setFunction(methods, "raw") { [unowned self] s in
            guard let img = self.imageObject(s, 1) else { return s.raise("raw: call it as img:raw()") }
            s.push(bytes: img.image.bytes)
            return .values(1)
        }
        lua_setfield(L, LuaStack.registry, LuaHost.imageMethodsKey)
    }

    /// The ImageObject behind the userdata at `i`, or nil.
    func imageObject(_ s: LuaStack, _ i: Int32) -> ImageObject? {
        guard let p = shim_toobject(s.L, i, LuaHost.imageType) else { return nil }
        return Unmanaged<ImageObject>.fromOpaque(p).takeUnretainedValue()
    }

    /// Pushes the userdata for `object`, reusing the live one if Lua still has it, and tells
    /// the GC about the bytes it holds so 300 dropped images do not pile up.
    func push(_ object: ImageObject, on s: LuaStack) {
        let key = Unmanaged.passUnretained(object).toOpaque()
        lua_getfield(s.L, LuaStack.registry, LuaHost.imageCacheKey)
        lua_pushlightuserdata(s.L, key)
        if lua_rawget(s.L, -2) == LUA_TUSERDATA {
            shim_remove(s.L, -2)
            return
        }
        s.pop()
        shim_pushobject(s.L, Unmanaged.passRetained(object).toOpaque(), LuaHost.imageType)
        lua_pushlightuserdata(s.L, key)
        s.pushValue(-2)
        lua_rawset(s.L, -4)
        shim_remove(s.L, -2)
        gcDebtKB += object.image.bytes.count / 1024
        imageKBSinceCall += object.image.bytes.count / 1024
        imagesCreated += 1
        holdExternal(object.image.bytes.count)
    }

    private func imageIndex(_ s: LuaStack) -> LuaReturn {
        guard let img = imageObject(s, 1) else { return s.raise("Image expected") }
        guard let key = s.string(2) else { s.pushNil(); return .values(1) }
        let p = img.provenance
        switch key {
        case "width": s.push(img.image.width)
        case "height": s.push(img.image.height)
        case "format": s.push(img.image.format.rawValue)
        case "mime": s.push(img.image.format.mime)
        case "bytes": s.push(img.image.bytes.count)
        case "sha256": s.push(img.image.sha256)
        case "url": s.push(optional: p.url)
        case "model": s.push(optional: p.model)
        case "prompt": s.push(optional: p.prompt)
        case "revised_prompt": s.push(optional: p.revisedPrompt)
        case "shape": s.push(optional: p.shape?.rawValue)
        case "route": s.push(optional: p.route?.rawValue)
        case "path": s.push(optional: p.sourcePath)
        case "parent":
            if let parent = img.parent { push(parent, on: s) } else { s.pushNil() }
        default:
            lua_getfield(s.L, LuaStack.registry, LuaHost.imageMethodsKey)
            s.push(key)
            lua_rawget(s.L, -2)
            shim_remove(s.L, -2)
        }
        return .values(1)
    }

    private func convertMethod(_ s: LuaStack) -> LuaReturn {
        guard let img = imageObject(s, 1) else { return s.raise("convert: call it as img:convert(\"jpeg\")") }
        guard let name = s.string(2), let format = ImageFormat(mime: name) else {
            return s.raise("convert: give a format: \"png\", \"jpeg\" or \"webp\"")
        }
        var quality: Int?
        if s.type(3) == LUA_TTABLE {
            s.rawGet(3, "quality"); quality = s.integer(-1); s.pop()
        }
        do {
            let converted = try img.image.converted(to: format, quality: quality)
            push(ImageObject(image: converted, provenance: img.provenance, parent: img.parent), on: s)
            return .values(1)
        } catch {
            return s.raise("convert: \(error.message)")
        }
    }
}
