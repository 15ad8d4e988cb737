import ArgumentParser
import Foundation
import LimnLua
import LimnRouter

/// `limn run SCRIPT [-- ARGS]`
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a Lua recipe.",
        discussion: "Arguments after -- reach the script as limn.args (and Lua's arg)."
    )

    @Argument(help: "The Lua script to run.", completion: .file(extensions: ["lua"]))
    var script: String

    @Argument(parsing: .postTerminator, help: "Arguments for the script (after --).")
    var scriptArguments: [String] = []

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "Record every exchange into this folder (with --replay on the same folder: replay what is there, record what is missing).", completion: .directory)
    var record: String?

    @Option(name: .long, help: "Answer every call from the recordings in this folder, with no network.", completion: .directory)
    var replay: String?

    @Option(name: .long, help: "Write a self-contained HTML report of the calls (thumbnails, prompts, errors) to this file.",
            completion: .file(extensions: ["html"]))
    var report: String?

    /// What was typed, as plain values.
    var invocation: RunInvocation {
        RunInvocation(script: script, scriptArguments: scriptArguments, common: common.settings, record: record,
                      replay: replay, report: report)
    }

    func validate() throws { try invocation.validateScript() }

    func run() throws { try invocation.run() }
}

/// A `limn run` command line, parsed: by swift-argument-parser (`RunCommand`) or, for the
/// plain forms, by `FastRunCommandLine` without its reflection.
struct RunInvocation: Equatable {
    var script: String
    var scriptArguments: [String] = []
    var common = CommonSettings()
    var record: String?
    var replay: String?
    var report: String?

    func validateScript() throws {
        guard FileManager.default.fileExists(atPath: script) else {
            throw ValidationError("no such script: \(script)")
        }
    }

    /// What swift-argument-parser checks before `run`: the script and the common options.
    func validate() throws {
        try validateScript()
        try common.validate()
    }

    func run() throws {
        let collector = report.map { ReportCollector(url: URL(fileURLWithPath: $0)) }
        let setup = try RunSetup(common: common, script: script, arguments: scriptArguments, record: record, replay: replay,
                                 report: collector)
        defer { setup.shutdown() }
        let outcome = setup.run(script: script, arguments: scriptArguments)
        if let collector {
            var failure: String?
            switch outcome {
            case .success: failure = nil
            case .failed(let message, _): failure = message
            case .interrupted: failure = "interrupted"
            }
            do {
                try collector.write(title: "limn run \(URL(fileURLWithPath: script).lastPathComponent)", command: CommandLineText.current,
                                    totals: setup.meter.totals, outcome: failure, tests: false)
                if !common.quiet { Stderr.line("limn: report: \(collector.url.path)") }
            } catch {
                Stderr.line("limn: cannot write the report \(collector.url.path): \(error.localizedDescription)")
            }
        }
        // The totals come last, after any error and its traceback.
        defer { setup.meter.print(quiet: common.quiet, json: common.json) }
        switch outcome {
        case .success:
            return
        case .failed(let message, let traceback):
            Stderr.line(message)
            if !traceback.isEmpty && !common.quiet { Stderr.line(traceback) }
            throw ExitCode(1)
        case .interrupted:
            Stderr.line("limn: interrupted; in-flight calls were cancelled")
            throw ExitCode(130)
        }
    }
}

/// Runs a script with SIGINT/SIGTERM turned into a clean stop; a second signal exits at once.
enum SignalTrap {
    static func run(_ runner: ScriptRunner) -> RunOutcome {
        let queue = DispatchQueue(label: "limn.signals")
        var sources: [DispatchSourceSignal] = []
        let count = SignalCount()
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler {
                if count.increment() > 1 { Foundation.exit(130) }
                runner.interrupt()
            }
            source.resume()
            sources.append(source)
        }
        defer { sources.forEach { $0.cancel() } }
        return runner.runBlocking()
    }
}

/// Counts signals on the signal queue.
/// `@unchecked Sendable`: only touched from the serial signal queue.
private final class SignalCount: @unchecked Sendable {
    private var n = 0
    func increment() -> Int { n += 1; return n }
}
