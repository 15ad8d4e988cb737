import ArgumentParser
import Foundation
import LimnLua

/// `limn docs [--stub]`: the Lua API reference, derived from the binding declarations.
struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Print the Lua API reference (Markdown), or a LuaCATS stub for editors with --stub."
    )

    @Flag(help: "Print a LuaCATS definition file (save it as limn.d.lua for completion in editors).")
    var stub = false

    func run() throws {
        print(stub ? APIDocs.luaCATS() : APIDocs.markdown())
    }
}

/// `limn config`: what is in force and where it came from.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the configuration in force and where each value came from (keys masked)."
    )

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        func show(_ name: String, _ value: String?, _ source: String) {
            print("\(name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(value ?? "(not set)")  [\(source)]")
        }
        let base = env["LIMN_BASE_URL"].map { ($0, "env LIMN_BASE_URL") } ?? env["OPENAI_BASE_URL"].map { ($0, "env OPENAI_BASE_URL") }
        let key = env["LIMN_API_KEY"].map { ($0, "env LIMN_API_KEY") } ?? env["OPENAI_API_KEY"].map { ($0, "env OPENAI_API_KEY") }
        show("provider", base == nil && key == nil ? "offline" : "env", base == nil && key == nil ? "default: no router configured" : "environment")
        show("base_url", base?.0, base?.1 ?? "-")
        show("api_key", key.map { KeyMask.mask($0.0) }, key?.1 ?? "-")
        show("concurrency", "4", "default")
        show("timeout", "600s", "default")
    }
}

/// Shows a key as `sk-…wxyz`: enough to tell keys apart, never enough to use one.
enum KeyMask {
    static func mask(_ key: String) -> String {
        guard key.count > 8 else { return "****" }
        return String(key.prefix(3)) + "…" + String(key.suffix(4))
    }
}
