import CLua
import CLuaShim
import Foundation
import LimnRouter

extension LuaHost {
    /// Narrows the globals to the sandbox's allow-list (see `SandboxPrelude`).
    func installSandbox(_ policy: SandboxPolicy) throws(HostError) {
        let s = stack
        let source = SandboxPrelude.source
        let status = source.withCString { shim_loadbuffer(L, $0, strlen($0), "=[limn sandbox]", 1) }
        guard status == LUA_OK else { throw HostError("sandbox prelude does not compile: \(s.string(-1) ?? "?")") }
        lua_getfield(L, LuaStack.registry, LuaHost.errorType)
        pushFunction("find_module") { s in
            let name = s.string(1) ?? ""
            switch LuaHost.findModule(name, policy: policy) {
            case .success(let (text, path)):
                s.push(bytes: text)
                s.push(path)
            case .failure(let message):
                s.pushNil()
                s.push(message.message)
            }
            return .values(2)
        }
        s.newTable(array: Int32(SandboxPrelude.allowed.count))
        for (i, name) in SandboxPrelude.allowed.enumerated() { s.push(name); s.rawSet(-2, index: i + 1) }
        guard shim_pcall_traceback(L, 3, 0) == LUA_OK else { throw HostError("sandbox prelude failed: \(s.string(-1) ?? "?")") }
    }

    /// The source of module `name` beside the recipe: `NAME.lua` or `NAME/init.lua` (dots are folders).
    static func findModule(_ name: String, policy: SandboxPolicy) -> Result<(Data, String), ModuleRefusal> {
        let valid = !name.isEmpty && !name.hasPrefix(".") && !name.contains("..")
            && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "_.-".unicodeScalars.contains($0)) }
        guard valid else {
            return .failure(ModuleRefusal("require: '\(name.prefix(60))' is not a module name the sandbox loads (letters, digits, _ - and . only)"))
        }
        guard let folder = policy.readSearchFolders.first else { return .failure(ModuleRefusal("require: no recipe folder")) }
        let relative = name.replacingOccurrences(of: ".", with: "/")
        let candidates = [folder.appendingPathComponent(relative + ".lua"), folder.appendingPathComponent(relative).appendingPathComponent("init.lua")]
        let inRecipeFolder = SandboxPolicy(readRoots: [policy.readRoots[0]], writeRoot: policy.writeRoot)
        for url in candidates where FileManager.default.fileExists(atPath: url.path) {
            if let refusal = inRecipeFolder.checkRead(url, what: "require") { return .failure(ModuleRefusal(refusal.message)) }
            guard let data = try? Data(contentsOf: url), data.count <= 16 << 20 else {
                return .failure(ModuleRefusal("require: cannot read '\(url.path)' (or it is over 16 MB)"))
            }
            return .success((data, url.path))
        }
        return .failure(ModuleRefusal("require: no module '\(name)' beside the recipe (looked for \(candidates.map(\.path).joined(separator: " and "))); "
            + "the sandbox loads only pure-Lua modules from the recipe's folder, no C modules and nothing on LUA_PATH/LUA_CPATH"))
    }
}

/// Why `require` refused a module in the sandbox.
struct ModuleRefusal: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
