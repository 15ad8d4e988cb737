import ArgumentParser
import Foundation
import LimnConfig
import LimnLua

/// `limn config`: what is in force and where each value came from.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the configuration in force and where each value came from (keys masked)."
    )

    @Option(name: .long, help: "Resolve as for a script in this folder (default: the current folder).")
    var scriptDir: String?

    @Option(name: .long, help: "Provider to resolve, as --provider does for run.")
    var provider: String?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let dir = URL(fileURLWithPath: scriptDir ?? FileManager.default.currentDirectoryPath)
        let config: LimnConfiguration
        do {
            config = try LimnConfiguration.load(environment: ProcessInfo.processInfo.environment, scriptDirectory: dir,
                                                homeDirectory: FileManager.default.homeDirectoryForCurrentUser,
                                                providerFlag: provider)
        } catch {
            Stderr.line("limn: \(error)")
            throw ExitCode(2)
        }
        for w in config.warnings { Stderr.line("limn: warning: \(w)") }
        print(json ? config.describeJSON() : config.describeText())
    }
}

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
