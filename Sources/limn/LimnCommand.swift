import ArgumentParser
import Foundation
import LimnImage
import LimnLua

/// `limn`: run Lua recipes against image routers.
struct LimnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "limn",
        abstract: "Run Lua recipes that generate, edit and describe images through OpenAI-compatible routers.",
        discussion: """
            limn SCRIPT is short for limn run SCRIPT. With no router configured, calls go to the \
            built-in offline provider, which draws real images locally.
            """,
        version: versionText,
        subcommands: [RunCommand.self, TestCommand.self, ProbeCommand.self, HistoryCommand.self, InspectCommand.self, ConfigCommand.self, DocsCommand.self],
        defaultSubcommand: RunCommand.self
    )

    /// What `limn --version` prints.
    static var versionText: String { "limn \(limnVersion)\n\(luaRelease)\n\(CodecVersions.summary)" }

    /// Parses and runs, mapping errors to Limn's exit codes.
    static func main(_ arguments: [String]) {
        do {
            // `limn test` takes paths as positional arguments, which would swallow the word
            // `merge`: its one subcommand is routed here (a folder named merge is `./merge`).
            if arguments.count >= 2, arguments[0] == "test", arguments[1] == "merge" {
                TestMergeCommand.runRouted(Array(arguments.dropFirst(2)))
            }
            // The two commands run most often skip swift-argument-parser's reflection (about
            // 5 ms of start-up; FastRunCommandLine says which forms).
            if arguments == ["--version"] {
                print(versionText)
                return
            }
            if let run = FastRunCommandLine.parse(arguments) {
                try run.run()
                return
            }
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            Stderr.line(fullMessage(for: error))
            Foundation.exit(2)
        }
    }
}

/// Writes lines to standard error, unbuffered.
enum Stderr {
    static func line(_ text: String) { write(text + "\n") }
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
