import CLua
import CLuaShim

/// What a Swift function tells the C trampoline to do once it has returned.
enum LuaReturn {
    /// Return this many values from the top of the stack.
    case values(Int32)
    /// Raise the value on top of the stack (a string gets the caller's position).
    case raise
    /// Raise the value on top as it is (an error re-thrown from another task).
    case rethrow
    /// Yield the top `n` values; the script resumes with `(true, results…)` or `(false, err)`.
    case yield(Int32)
}

/// A Swift function callable from Lua. It receives the calling thread's stack.
typealias LuaSwiftFunction = (LuaStack) -> LuaReturn

/// Owns the Swift closure behind one Lua C closure; retained until the state closes.
final class LuaFunctionBox {
    let name: String
    let body: LuaSwiftFunction
    init(name: String, body: @escaping LuaSwiftFunction) {
        self.name = name
        self.body = body
    }
}

/// Installs the process-wide dispatcher: the one C entry point into Swift functions.
enum LuaDispatcher {
    static let installed: Void = {
        shim_set_dispatcher { L, callable in
            guard let L, let callable else { return Int32(SHIM_ERROR) }
            let box = Unmanaged<LuaFunctionBox>.fromOpaque(callable).takeUnretainedValue()
            switch box.body(LuaStack(L)) {
            case .values(let n): return n
            case .raise: return Int32(SHIM_ERROR)
            case .rethrow: return Int32(SHIM_RETHROW)
            case .yield(let n): return Int32(SHIM_YIELD_BASE) - n
            }
        }
    }()
}

extension LuaStack {
    /// Pushes a string error message and returns `.raise` (position is prepended in C).
    func raise(_ message: String) -> LuaReturn {
        push(message)
        return .raise
    }
}
