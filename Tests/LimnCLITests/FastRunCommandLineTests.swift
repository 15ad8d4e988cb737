import ArgumentParser
import Foundation
import Testing
@testable import limn

/// `FastRunCommandLine` must read every command line it accepts exactly as swift-argument-parser
/// does, and leave the rest to it.
@Suite struct FastRunCommandLineTests {
    let folder: String
    let script: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("limn-fast-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        script = folder + "/recipe.lua"
        try Data("print('hi')\n".utf8).write(to: URL(fileURLWithPath: script))
    }

    /// What swift-argument-parser makes of `arguments`, when it makes a `limn run` of them.
    func full(_ arguments: [String]) -> RunInvocation? {
        (try? LimnCommand.parseAsRoot(arguments) as? RunCommand)?.invocation
    }

    func agree(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) -> RunInvocation? {
        let fast = FastRunCommandLine.parse(arguments)
        if let fast {
            #expect(full(arguments) == fast, "\(arguments)", sourceLocation: sourceLocation)
        }
        return fast
    }

    @Test func plainFormsTakeTheFastPathAndAgree() {
        let s = script, d = folder
        let lines: [[String]] = [
            ["run", s], [s], [s, "--"],
            ["run", s, "--quiet", "--no-history"],
            ["run", s, "-q", "-v", "--json"],
            ["run", "--out", d, s],
            ["run", s, "--out=\(d)", "--provider", "offline", "--concurrency", "8", "--timeout", "2.5"],
            ["run", s, "--", "a", "--quiet", "-x", "--"],
            ["run", s, "--allow-read", d, "--allow-read=\(d)", "--sandbox", "--memory-limit", "64M", "--time-limit", "2s"],
            ["run", s, "--record", d, "--replay", d, "--report", "r.html", "--manifest", "m.jsonl", "--no-metadata"],
            [s, "--verbose", "--", "one", "two"],
            ["run", s, "--out", ""],
        ]
        for line in lines {
            #expect(agree(line) != nil, "the fast path declined \(line)")
        }
        let parsed = FastRunCommandLine.parse(["run", s, "--concurrency", "3", "-q", "--", "x"])
        #expect(parsed == RunInvocation(script: s, scriptArguments: ["x"], common: CommonSettings(concurrency: 3, quiet: true)))
    }

    @Test func anythingUnusualIsLeftToArgumentParser() {
        let s = script
        let lines: [[String]] = [
            [], ["run"], ["--version"], ["--help"], ["help"], ["help", "run"], ["test", s], ["history"], ["docs"],
            ["run", s, "--help"], ["run", s, "-h"], ["run", s, "-qv"], ["run", s, "--bogus"], ["run", s, "-x"],
            ["run", s, "--quiet=yes"], ["run", s, "--out"], ["run", s, "--out", "--quiet"], ["run", s, "--out", "-"],
            ["run", s, "--quiet", "--quiet"], ["run", s, "--out", "a", "--out", "b"], ["run", s, "second.lua"],
            ["run", folder + "/missing.lua"], ["run", s, "--concurrency", "0"], ["run", s, "--concurrency", "x"],
            ["run", s, "--timeout", "-1"], ["run", s, "--timeout", "soon"], ["run", s, "--memory-limit", "1K"],
            ["run", s, "--time-limit", "0s"], ["run", s, "--allow-read", folder + "/no-such-folder"],
            ["--quiet", s], ["run", "help"], ["run", s, "--"+"-"],
        ]
        for line in lines {
            #expect(agree(line) == nil, "the fast path took \(line)")
        }
    }

    /// Every option `limn run --help` lists is one the fast path reads, so a new option cannot
    /// silently send every run back through swift-argument-parser.
    @Test func everyRunOptionIsKnown() throws {
        let help = RunCommand.helpMessage(columns: 1000)
        let options = try Regex(#"(?m)^\s+(?:-[a-z], )?--([a-z-]+)( <[a-z-]+>)?"#)
        var names: [String] = []
        for match in help.matches(of: options) {
            let name = String(match.output[1].substring!)
            guard name != "help" && name != "version" else { continue }
            names.append(name)
            let takesValue = match.output[2].substring != nil
            let values = ["concurrency": "3", "timeout": "1.5", "memory-limit": "64M", "time-limit": "2s", "allow-read": folder]
            let line = ["run", script, "--\(name)"] + (takesValue ? [values[name] ?? "value"] : [])
            #expect(agree(line) != nil, "the fast path does not read --\(name)")
        }
        #expect(names.count >= 17, "read only \(names) from:\n\(help)")
    }

    @Test func versionMatchesArgumentParsersOwn() {
        do {
            _ = try LimnCommand.parseAsRoot(["--version"])
            Issue.record("--version parsed as a command")
        } catch {
            #expect(LimnCommand.fullMessage(for: error) == LimnCommand.versionText)
        }
        #expect(LimnCommand.versionText.hasPrefix("limn "))
        #expect(LimnCommand.versionText.contains("libdeflate "))
    }
}
