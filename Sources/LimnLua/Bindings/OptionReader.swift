import CLua
import CLuaShim
import LimnRouter

/// Reads the named options of a binding's table argument, raw (no metamethods), with
/// messages that name the binding, the option and what was expected.
struct OptionReader {
    let s: LuaStack
    let table: Int32
    let spec: BindingSpec
    /// Integer keys the binding accepts positionally (`generate{ "prompt" }` → 1).
    let positional: ClosedRange<Int>?

    init(_ s: LuaStack, table: Int32, spec: BindingSpec, positional: ClosedRange<Int>? = nil) {
        self.s = s
        self.table = s.absolute(table)
        self.spec = spec
        self.positional = positional
    }

    /// An error for the first option the binding does not know, with a suggestion.
    func checkUnknownKeys() throws(BindingError) {
        var problem: String?
        s.forEachPair(table) { k, _ in
            guard problem == nil else { return }
            if let key = s.string(k) {
                if !spec.parameterNames.contains(key) {
                    let hint = Suggestion.closest(to: key, in: spec.parameterNames).map { " (did you mean '\($0)'?)" } ?? ""
                    problem = "unknown option '\(key)'\(hint); \(spec.name) takes: \(spec.parameterNames.joined(separator: ", "))"
                }
            } else if let i = s.integer(k), let positional, positional.contains(i) {
                return
            } else if positional == nil || s.type(k) != LUA_TNUMBER {
                problem = "unexpected key of type \(s.typeName(k)); use named options such as \(spec.parameterNames.prefix(3).joined(separator: ", "))"
            }
        }
        if let problem { throw BindingError("\(spec.name): \(problem)") }
    }

    private func field(_ key: String) -> Int32 {
        s.rawGet(table, key)
        return s.top
    }

    private func mismatch(_ key: String, _ expected: String, _ i: Int32) -> BindingError {
        BindingError("\(spec.name): '\(key)' must be \(expected), got \(s.typeName(i))")
    }

    func string(_ key: String) throws(BindingError) -> String? {
        let i = field(key); defer { s.pop() }
        if s.isNil(i) { return nil }
        guard let v = s.string(i) else { throw mismatch(key, "a string", i) }
        return v
    }

    func integer(_ key: String, range: ClosedRange<Int>? = nil) throws(BindingError) -> Int? {
        let i = field(key); defer { s.pop() }
        if s.isNil(i) { return nil }
        guard let v = s.integer(i) else { throw mismatch(key, "an integer", i) }
        if let range, !range.contains(v) { throw BindingError("\(spec.name): '\(key)' must be between \(range.lowerBound) and \(range.upperBound), got \(v)") }
        return v
    }

    func number(_ key: String) throws(BindingError) -> Double? {
        let i = field(key); defer { s.pop() }
        if s.isNil(i) { return nil }
        guard let v = s.number(i) else { throw mismatch(key, "a number", i) }
        return v
    }

    func boolean(_ key: String) throws(BindingError) -> Bool? {
        let i = field(key); defer { s.pop() }
        if s.isNil(i) { return nil }
        guard let v = s.boolean(i) else { throw mismatch(key, "true or false", i) }
        return v
    }

    /// The prompt: `prompt=` or the first positional item.
    func prompt() throws(BindingError) -> String? {
        if let p = try string("prompt") { return p }
        s.rawGet(table, index: 1); defer { s.pop() }
        if s.isNil(-1) { return nil }
        guard let p = s.string(-1) else { throw BindingError("\(spec.name): the first item must be the prompt (a string), got \(s.typeName(-1))") }
        return p
    }

    /// `via=`, `timeout=`, `retries=`, `extra=` into a call.
    func common(into call: inout Call, imageDataURI: (Int32) -> String?) throws(BindingError) {
        if let via = try string("via") {
            guard let route = Route(rawValue: via) else {
                throw BindingError("\(spec.name): via must be \"images\", \"chat\" or \"gemini\", got \"\(via)\"")
            }
            call.via = route
        }
        if let t = try number("timeout") {
            guard t > 0 else { throw BindingError("\(spec.name): timeout must be a positive number of seconds") }
            call.timeout = .milliseconds(Int64(t * 1000))
        }
        call.retries = try integer("retries", range: 0...20)
        let i = field("extra"); defer { s.pop() }
        if !s.isNil(i) {
            guard s.type(i) == LUA_TTABLE else { throw mismatch("extra", "a table", i) }
            switch s.json(at: i, path: "extra", imageDataURI: imageDataURI) {
            case .success(.object(let o)): call.extra = o
            case .success(.array(let a)) where a.isEmpty: break
            case .success: throw BindingError("\(spec.name): extra must be a table of named fields")
            case .failure(let e): throw BindingError("\(spec.name): \(e.message)")
            }
        }
    }
}
