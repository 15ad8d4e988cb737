import CLua
import CLuaShim
import Foundation

/// A view of one Lua thread's stack, using only API calls that cannot raise or yield.
///
/// Everything here is safe to call from Swift: pushes (memory errors abort, see
/// `shim_newstate`), type checks, raw gets/sets on tables whose keys we control.
struct LuaStack {
    /// The thread this view works on.
    let L: OpaquePointer

    init(_ L: OpaquePointer) { self.L = L }

    static let registry = shim_registryindex()

    var top: Int32 {
        get { lua_gettop(L) }
        nonmutating set { lua_settop(L, newValue) }
    }

    func pop(_ n: Int32 = 1) { shim_pop(L, n) }

    func type(_ i: Int32) -> Int32 { lua_type(L, i) }
    func isNil(_ i: Int32) -> Bool { lua_type(L, i) <= LUA_TNIL }
    func absolute(_ i: Int32) -> Int32 { lua_absindex(L, i) }

    // MARK: reading

    /// A string at `i` (only real strings, never numbers converted in place).
    func string(_ i: Int32) -> String? {
        guard lua_type(L, i) == LUA_TSTRING else { return nil }
        var len = 0
        guard let p = shim_tolstring(L, i, &len) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: p, count: len), as: UTF8.self)
    }

    /// The raw bytes of a string at `i`.
    func bytes(_ i: Int32) -> Data? {
        guard lua_type(L, i) == LUA_TSTRING else { return nil }
        var len = 0
        guard let p = shim_tolstring(L, i, &len) else { return nil }
        return Data(bytes: p, count: len)
    }

    func integer(_ i: Int32) -> Int? {
        var ok: Int32 = 0
        let v = lua_tointegerx(L, i, &ok)
        return ok != 0 && lua_type(L, i) == LUA_TNUMBER ? Int(v) : nil
    }

    func number(_ i: Int32) -> Double? {
        var ok: Int32 = 0
        let v = lua_tonumberx(L, i, &ok)
        return ok != 0 && lua_type(L, i) == LUA_TNUMBER ? v : nil
    }

    func boolean(_ i: Int32) -> Bool? {
        lua_type(L, i) == LUA_TBOOLEAN ? lua_toboolean(L, i) != 0 : nil
    }

    func isInteger(_ i: Int32) -> Bool { lua_isinteger(L, i) != 0 }

    /// A short name of the type at `i` for error messages.
    func typeName(_ i: Int32) -> String {
        String(cString: lua_typename(L, lua_type(L, i)))
    }

    // MARK: pushing

    func pushNil() { lua_pushnil(L) }
    func push(_ s: String) {
        var s = s
        s.withUTF8 { buf in _ = lua_pushlstring(L, buf.baseAddress, buf.count) }
    }
    func push(bytes: Data) {
        bytes.withUnsafeBytes { raw in _ = lua_pushlstring(L, raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count) }
    }
    func push(_ i: Int) { lua_pushinteger(L, lua_Integer(i)) }
    func push(_ d: Double) { lua_pushnumber(L, d) }
    func push(_ b: Bool) { lua_pushboolean(L, b ? 1 : 0) }
    func pushValue(_ i: Int32) { lua_pushvalue(L, i) }
    func push(optional s: String?) { if let s { push(s) } else { pushNil() } }

    /// A fresh table (with room for `array` items and `record` fields).
    func newTable(array: Int32 = 0, record: Int32 = 0) { lua_createtable(L, array, record) }

    /// Makes sure there is room for `n` more slots; false if Lua cannot grow the stack.
    func ensure(_ n: Int32) -> Bool { lua_checkstack(L, n) != 0 }

    // MARK: raw table access (no metamethods)

    /// `t[key] = top` without metamethods; pops the value. `t` must be a table we made or own.
    func rawSet(_ t: Int32, _ key: String) {
        let t = absolute(t)
        push(key)
        shim_insert(L, -2)
        lua_rawset(L, t)
    }

    /// `t[i] = top` without metamethods; pops the value.
    func rawSet(_ t: Int32, index: Int) { lua_rawseti(L, t, lua_Integer(index)) }

    /// Pushes `t[key]` without metamethods; returns its type.
    @discardableResult
    func rawGet(_ t: Int32, _ key: String) -> Int32 {
        let t = absolute(t)
        push(key)
        return lua_rawget(L, t)
    }

    /// Pushes `t[i]` without metamethods; returns its type.
    @discardableResult
    func rawGet(_ t: Int32, index: Int) -> Int32 { lua_rawgeti(L, t, lua_Integer(index)) }

    /// The border of the sequence at `t`, without `__len`.
    func rawLength(_ t: Int32) -> Int { Int(lua_rawlen(L, t)) }

    /// Sets a field of a fresh table from a Swift value, skipping nils.
    func setField(_ t: Int32, _ key: String, _ value: String?) {
        guard let value else { return }
        let t = absolute(t)
        push(value); rawSet(t, key)
    }
    func setField(_ t: Int32, _ key: String, _ value: Int?) {
        guard let value else { return }
        let t = absolute(t)
        push(value); rawSet(t, key)
    }
    func setField(_ t: Int32, _ key: String, _ value: Bool?) {
        guard let value else { return }
        let t = absolute(t)
        push(value); rawSet(t, key)
    }

    /// Calls `body(keyIndex, valueIndex)` for each pair of the table at `t`, raw.
    /// Keys are never modified, so `lua_next` cannot raise.
    func forEachPair(_ t: Int32, _ body: (Int32, Int32) -> Void) {
        let t = absolute(t)
        pushNil()
        while lua_next(L, t) != 0 {
            body(top - 1, top)
            pop(1)
        }
    }

    // MARK: registry

    /// Stores the value on top in the registry and returns its reference (pops it).
    func ref() -> Int32 { luaL_ref(L, LuaStack.registry) }
    func unref(_ r: Int32) { luaL_unref(L, LuaStack.registry, r) }
    func pushRef(_ r: Int32) { lua_rawgeti(L, LuaStack.registry, lua_Integer(r)) }
}
