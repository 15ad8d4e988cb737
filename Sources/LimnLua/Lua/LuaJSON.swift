import CLua
import CLuaShim
import LimnRouter

extension LuaStack {
    /// Pushes a JSON value as Lua values: objects and arrays become tables, null becomes nil
    /// (inside arrays, the array keeps its length through an `n` field only when it has holes).
    func push(json: JSONValue, depth: Int = 0) {
        switch json {
        case .null: pushNil()
        case .bool(let b): push(b)
        case .int(let i): lua_pushinteger(L, lua_Integer(i))
        case .double(let d): push(d)
        case .string(let s): push(s)
        case .span(let s): push(bytes: s.bytes)
        case .array(let items):
            guard depth < 200, ensure(4) else { pushNil(); return }
            newTable(array: Int32(items.count))
            for (i, item) in items.enumerated() {
                push(json: item, depth: depth + 1)
                rawSet(-2, index: i + 1)
            }
        case .object(let object):
            guard depth < 200, ensure(4) else { pushNil(); return }
            newTable(record: Int32(object.entries.count))
            for (key, value) in object.entries {
                push(json: value, depth: depth + 1)
                rawSet(-2, key)
            }
        }
    }

    /// Reads the value at `i` as JSON. Tables with keys 1…n are arrays, other tables objects
    /// with string keys. Images become data URIs. Returns a message naming `path` on failure.
    func json(at i: Int32, path: String, imageDataURI: (Int32) -> String?, depth: Int = 0) -> Result<JSONValue, BindingError> {
        let i = absolute(i)
        switch type(i) {
        case LUA_TNIL: return .success(.null)
        case LUA_TBOOLEAN: return .success(.bool(boolean(i) ?? false))
        case LUA_TNUMBER:
            if isInteger(i), let v = integer(i) { return .success(.int(Int64(v))) }
            return .success(.double(number(i) ?? 0))
        case LUA_TSTRING: return .success(.string(string(i) ?? ""))
        case LUA_TTABLE:
            guard depth < 64 else { return .failure(BindingError("\(path) is nested too deeply (a table that contains itself?)")) }
            let n = rawLength(i)
            var count = 0
            var stringKeys = true
            forEachPair(i) { k, _ in
                count += 1
                if type(k) != LUA_TSTRING { stringKeys = false }
            }
            if n > 0 && count == n {
                var items: [JSONValue] = []
                items.reserveCapacity(n)
                for k in 1...n {
                    rawGet(i, index: k)
                    let r = json(at: -1, path: "\(path)[\(k)]", imageDataURI: imageDataURI, depth: depth + 1)
                    pop()
                    switch r {
                    case .success(let v): items.append(v)
                    case .failure(let e): return .failure(e)
                    }
                }
                return .success(.array(items))
            }
            guard stringKeys else { return .failure(BindingError("\(path) mixes list items and named fields; JSON needs one or the other")) }
            var pairs: [(String, JSONValue)] = []
            var failure: BindingError?
            forEachPair(i) { k, v in
                guard failure == nil, let key = string(k) else { return }
                switch json(at: v, path: "\(path).\(key)", imageDataURI: imageDataURI, depth: depth + 1) {
                case .success(let value): pairs.append((key, value))
                case .failure(let e): failure = e
                }
            }
            if let failure { return .failure(failure) }
            pairs.sort { $0.0 < $1.0 }
            return .success(.object(JSONObject(pairs)))
        case LUA_TUSERDATA:
            if let uri = imageDataURI(i) { return .success(.string(uri)) }
            return .failure(BindingError("\(path) is a userdata that cannot be sent as JSON"))
        default:
            return .failure(BindingError("\(path) is a \(typeName(i)), which cannot be sent as JSON"))
        }
    }
}

/// A mistake in how a binding was called; becomes a Lua error with the caller's position.
struct BindingError: Error {
    let message: String
    /// Set when the mistake is a refusal (`sandbox`, `limit`): raised as an error table of that kind.
    var kind: RouterError.Kind?
    init(_ message: String, kind: RouterError.Kind? = nil) {
        self.message = message
        self.kind = kind
    }
}
