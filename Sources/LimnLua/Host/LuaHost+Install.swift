import CLua
import CLuaShim
import Foundation
import LimnRouter

/// Limn's version, as `limn.version` and in saved metadata.
public let limnVersion = "0.1.0"

/// The embedded Lua's release, `Lua 5.4.4`.
public let luaRelease = "Lua \(LUA_VERSION_MAJOR).\(LUA_VERSION_MINOR).\(LUA_VERSION_RELEASE)"

extension LuaHost {
    /// Most images one call may ask for (`n=`).
    static let maxImagesPerCall = 10
    static let imageType = "limn.Image"
    static let replyType = "limn.Reply"
    static let errorType = "limn.Error"
    static let taskType = "limn.Task"
    static let imageCacheKey = "limn.imagecache"
    static let replyRawKey = "limn.replyraw"
    static let imageMethodsKey = "limn.Image.methods"

    /// Builds the metatables, the `limn` module and the globals, then runs the prelude.
    func installBindings() throws(HostError) {
        let s = stack
        installImageType()
        installReplyType()
        _ = luaL_newmetatable(L, LuaHost.errorType); s.pop()
        _ = luaL_newmetatable(L, LuaHost.taskType); s.pop()

        // Weak caches: one userdata per image object; reply tables → their raw JSON box.
        s.newTable(); s.newTable(); s.push("v"); s.rawSet(-2, "__mode"); lua_setmetatable(L, -2)
        lua_setfield(L, LuaStack.registry, LuaHost.imageCacheKey)
        s.newTable(); s.newTable(); s.push("k"); s.rawSet(-2, "__mode"); lua_setmetatable(L, -2)
        lua_setfield(L, LuaStack.registry, LuaHost.replyRawKey)

        // The limn module, with the five bindings also as globals.
        s.newTable()
        let limn = s.top
        installCallBindings(limn)
        installTaskBindings(limn)
        s.push(limnVersion); s.rawSet(limn, "version")
        s.newTable(array: Int32(options.arguments.count))
        for (i, a) in options.arguments.enumerated() { s.push(a); s.rawSet(-2, index: i + 1) }
        s.rawSet(limn, "args")
        s.pushValue(limn); lua_setglobal(L, "limn")
        for name in ["generate", "edit", "chat", "save", "image"] {
            s.rawGet(limn, name)
            lua_setglobal(L, name)
        }
        // Lua's standard `arg`: arg[0] is the script, arg[1…] the arguments.
        s.newTable(array: Int32(options.arguments.count), record: 1)
        s.push(options.scriptPath); s.rawSet(-2, index: 0)
        for (i, a) in options.arguments.enumerated() { s.push(a); s.rawSet(-2, index: i + 1) }
        lua_setglobal(L, "arg")
        addScriptFolderToPackagePath()

        // The prelude shapes primitives into the friendly API (parallel, map, coroutine wrappers).
        let source = Prelude.source
        let status = source.withCString { shim_loadbuffer(L, $0, strlen($0), "=[limn prelude]", 1) }
        guard status == LUA_OK else { throw HostError("prelude does not compile: \(s.string(-1) ?? "?")") }
        s.pushValue(limn)
        s.newTable()
        lua_pushlightuserdata(L, pendingMarker); s.rawSet(-2, "PENDING")
        lua_getfield(L, LuaStack.registry, LuaHost.errorType); s.rawSet(-2, "Error")
        lua_getfield(L, LuaStack.registry, LuaHost.taskType); s.rawSet(-2, "Task")
        lua_getfield(L, LuaStack.registry, LuaHost.replyType); s.rawSet(-2, "Reply")
        s.push(options.bracketOutput); s.rawSet(-2, "bracket_output")
        guard shim_pcall_traceback(L, 2, 0) == LUA_OK else { throw HostError("prelude failed: \(s.string(-1) ?? "?")") }
        s.pop() // limn
    }

    /// `require` also looks beside the script (LUA_PATH and Debian's paths stay as they are).
    private func addScriptFolderToPackagePath() {
        let dir = URL(fileURLWithPath: options.scriptPath).deletingLastPathComponent().path
        let s = stack
        lua_getglobal(L, "package")
        guard s.type(-1) == LUA_TTABLE else { s.pop(); return }
        s.rawGet(-1, "path")
        let current = s.string(-1) ?? ""
        s.pop()
        s.push("\(dir)/?.lua;\(dir)/?/init.lua;" + current)
        s.rawSet(-2, "path")
        s.pop()
    }
}
