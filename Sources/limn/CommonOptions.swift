import ArgumentParser
import Foundation
import LimnLua
import LimnOffline
import LimnRouter

/// Options shared by `run` and `test`.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Folder where relative save() paths land (default: the current folder).")
    var out: String?

    @Option(name: .long, help: "Provider to use: 'offline', or a provider named in limn.toml.")
    var provider: String?

    @Option(name: .long, help: "Most requests in flight at once, for the whole run.")
    var concurrency: Int?

    @Option(name: .long, help: "Default deadline of a call, in seconds.")
    var timeout: Double?

    @Flag(name: .long, help: "Save images without the embedded recipe metadata.")
    var noMetadata = false

    @Flag(name: [.short, .long], help: "Print nothing but the script's own output and errors.")
    var quiet = false

    @Flag(name: [.short, .long], help: "Print retries and other details on stderr.")
    var verbose = false

    func validate() throws {
        if let c = concurrency, c < 1 { throw ValidationError("--concurrency must be at least 1") }
        if let t = timeout, t <= 0 { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    /// Chooses the provider and builds what a run needs; config problems exit 2.
    func resolve(script: String, announce: Bool = true, progress: Bool = true) throws -> RunSetup {
        let reporter = ProgressReporter(quiet: quiet || !progress, verbose: verbose)
        let env = ProcessInfo.processInfo.environment
        let configured = (env["LIMN_BASE_URL"] ?? env["OPENAI_BASE_URL"]) != nil || (env["LIMN_API_KEY"] ?? env["OPENAI_API_KEY"]) != nil
        let name = provider ?? (configured ? "env" : "offline")
        guard name == "offline" else {
            Stderr.line("limn: config: provider '\(name)' needs the live HTTP transport, which this build does not have yet; use --provider offline")
            throw ExitCode(2)
        }
        if announce && !quiet && provider == nil {
            Stderr.line("limn: no router configured — using the offline provider (set LIMN_BASE_URL and LIMN_API_KEY to use a router)")
        }
        let client = RouterClient(provider: OfflineRouter.provider, transport: OfflineRouter(), routes: .builtIn,
                                  retry: RetryPolicy(), onEvent: reporter.clientEvent)
        let outDir = URL(fileURLWithPath: (out.map { ($0 as NSString).expandingTildeInPath }) ?? FileManager.default.currentDirectoryPath)
        return RunSetup(performer: client, reporter: reporter, outputDirectory: outDir, common: self)
    }
}

/// Everything resolved for a run.
struct RunSetup {
    let performer: any CallPerformer
    let reporter: ProgressReporter
    let outputDirectory: URL
    let common: CommonOptions

    func options(script: String, arguments: [String]) -> RunOptions {
        var o = RunOptions(scriptPath: script, arguments: arguments, outputDirectory: outputDirectory)
        o.metadata = !common.noMetadata
        o.bracketOutput = reporter.live && isatty(STDOUT_FILENO) == 1
        if let c = common.concurrency { o.concurrency = c }
        if let t = common.timeout { o.timeout = .milliseconds(Int64(t * 1000)) }
        return o
    }
}
