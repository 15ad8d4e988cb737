import ArgumentParser
import Foundation
import LimnConfig
import LimnHTTP
import LimnHistory
import LimnImage
import LimnLua
import LimnOffline
import LimnRecord
import LimnRouter

/// Options shared by `run` and `test`.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Folder where relative save() paths land (default: the current folder).", completion: .directory)
    var out: String?

    @Option(name: .long, help: "Provider: 'offline', a preset ('crazyrouter', 'openai') or one named in limn.toml.",
            completion: .list(["offline", "crazyrouter", "openai"]))
    var provider: String?

    @Option(name: .long, help: "Most requests in flight at once, for the whole run (default 4).")
    var concurrency: Int?

    @Option(name: .long, help: "Default deadline of a call, in seconds (default 600).")
    var timeout: Double?

    @Option(name: .long, help: "Write a JSON Lines manifest, one line per call, to this file.", completion: .file(extensions: ["jsonl"]))
    var manifest: String?

    @Flag(name: .long, help: "Do not record this run in the history store.")
    var noHistory = false

    @Flag(name: .long, help: "Save images without the embedded recipe metadata.")
    var noMetadata = false

    @Flag(name: [.short, .long], help: "Print nothing but the script's own output and errors.")
    var quiet = false

    @Flag(name: [.short, .long], help: "Print retries and other details on stderr.")
    var verbose = false

    @Flag(name: .long, help: "Print JSON on stdout: for run and test, the usage totals as the last line ({\"totals\": …}); for probe the results, for inspect the raw metadata.")
    var json = false

    @Flag(name: .long, help: "Run untrusted recipes in the sandbox: allow-listed globals, files only through image() and save() inside the recipe's folder and --out, limits on (default 512M, 30s).")
    var sandbox = false

    @Option(name: .customLong("allow-read"), help: ArgumentHelp("In the sandbox, also let image() read this folder (repeatable).", valueName: "dir"), completion: .directory)
    var allowRead: [String] = []

    @Option(name: .customLong("memory-limit"), help: ArgumentHelp("Cap on the recipe's memory: Lua's heap plus the images it holds (K/M/G suffix; default 512M in the sandbox, none otherwise).", valueName: "size"))
    var memoryLimit: String?

    @Option(name: .customLong("time-limit"), help: ArgumentHelp("Cap on the recipe's CPU time, not time waiting for the router (ms/s/m suffix; default 30s in the sandbox, none otherwise).", valueName: "duration"))
    var timeLimit: String?

    func validate() throws { try settings.validate() }

    /// The values as typed.
    var settings: CommonSettings {
        CommonSettings(out: out, provider: provider, concurrency: concurrency, timeout: timeout, manifest: manifest,
                       noHistory: noHistory, noMetadata: noMetadata, quiet: quiet, verbose: verbose, json: json,
                       sandbox: sandbox, allowRead: allowRead, memoryLimit: memoryLimit, timeLimit: timeLimit)
    }
}

/// The common options as plain values: what `RunSetup` reads, whether swift-argument-parser
/// parsed the command line or `FastRunCommandLine` did.
struct CommonSettings: Equatable, Sendable {
    var out: String?
    var provider: String?
    var concurrency: Int?
    var timeout: Double?
    var manifest: String?
    var noHistory = false
    var noMetadata = false
    var quiet = false
    var verbose = false
    var json = false
    var sandbox = false
    var allowRead: [String] = []
    var memoryLimit: String?
    var timeLimit: String?

    func validate() throws {
        if let c = concurrency, c < 1 { throw ValidationError("--concurrency must be at least 1") }
        if let t = timeout, t <= 0 { throw ValidationError("--timeout must be a positive number of seconds") }
        if let m = memoryLimit, (Quantity.bytes(m) ?? 0) < 1 << 20 {
            throw ValidationError("--memory-limit must be a size of at least 1M, such as 512M or 2G (got '\(m)')")
        }
        if let t = timeLimit, (Quantity.duration(t) ?? .zero) <= .zero {
            throw ValidationError("--time-limit must be a duration such as 30s, 500ms or 2m (got '\(t)')")
        }
        for dir in allowRead {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw ValidationError("--allow-read: no such folder: \(dir)")
            }
        }
    }
}

/// Everything resolved for a run: configuration, transport stack, recorder.
final class RunSetup {
    let configuration: LimnConfiguration
    let performer: any CallPerformer
    let reporter: ProgressReporter
    let outputDirectory: URL
    let common: CommonSettings
    let recorder: HistoryRecorder?
    /// Counts what the run uses; shared by every file of a `limn test`.
    let meter: UsageMeter
    private let live: LiveTransport?

    /// Resolves config (errors exit 2), builds the transport stack and opens the history.
    init(common: CommonSettings, script: String, arguments: [String] = [], announce: Bool = true, progress: Bool = true,
         record: String? = nil, replay: String? = nil, manifest: String? = nil, appendManifest: Bool = false,
         outputDirectory: URL? = nil, meter: UsageMeter? = nil, report: ReportCollector? = nil) throws {
        self.common = common
        let meter = meter ?? UsageMeter()
        self.meter = meter
        reporter = ProgressReporter(quiet: common.quiet || !progress, verbose: common.verbose)
        let env = ProcessInfo.processInfo.environment
        let scriptDir = URL(fileURLWithPath: script).deletingLastPathComponent()
        do {
            configuration = try LimnConfiguration.load(environment: env, scriptDirectory: scriptDir,
                                                       homeDirectory: FileManager.default.homeDirectoryForCurrentUser,
                                                       providerFlag: common.provider, concurrencyFlag: common.concurrency,
                                                       sandbox: common.sandbox)
        } catch {
            Stderr.line("limn: \(error)")
            throw ExitCode(2)
        }
        if !common.quiet { for w in configuration.warnings { Stderr.line("limn: warning: \(w)") } }

        let replayDir = replay
        let recordDir = record
        var transport: any Transport
        if configuration.isOffline {
            live = nil
            transport = OfflineRouter()
            if announce && !common.quiet && replayDir == nil {
                Stderr.line("limn: no router configured — using the offline provider (set LIMN_BASE_URL and LIMN_API_KEY to use a router)")
            }
        } else {
            var c = LiveTransportConfiguration.forConcurrency(configuration.concurrency.value)
            c.connectTimeout = configuration.timeouts.connect.value
            c.maxResponseBytes = configuration.limits[.responseSize].value
            if common.sandbox || configuration.run.sandbox.value { c.addressPolicy = AddressPolicy(routerURL: configuration.provider.baseURL.value) }
            let t = LiveTransport(configuration: c)
            live = t
            transport = t
        }
        do {
            switch (replayDir, recordDir) {
            case let (r?, w?) where r == w:
                transport = try ReplayOrRecordTransport(wrapping: transport, cassette: Cassette(folder: URL(fileURLWithPath: r)))
            case let (r?, nil):
                transport = try ReplayTransport(cassette: Cassette(folder: URL(fileURLWithPath: r)))
            case let (nil, w?):
                transport = RecordingTransport(wrapping: transport, cassette: Cassette(folder: URL(fileURLWithPath: w)))
            case (.some, .some):
                throw ValidationError("--record and --replay need the same folder (replay what is there, record what is missing)")
            case (nil, nil):
                break
            }
        } catch let e as ValidationError {
            throw e
        } catch {
            Stderr.line("limn: recordings: \(error)")
            throw ExitCode(2)
        }
        let reporter = reporter
        performer = configuration.routerClient(transport: transport, onEvent: { event in
            reporter.clientEvent(event)
            meter.clientEvent(event)
        })
        self.outputDirectory = outputDirectory
            ?? URL(fileURLWithPath: (common.out.map { ($0 as NSString).expandingTildeInPath }) ?? FileManager.default.currentDirectoryPath)

        // The history opens at the run's first call: a recipe that makes none (or fails before)
        // pays nothing for SQLite, and a run is recorded as of when it started.
        var history: LazyHistory?
        if !common.noHistory {
            let scriptData = try? Data(contentsOf: URL(fileURLWithPath: script))
            let info = RunInfo(scriptPath: URL(fileURLWithPath: script).standardizedFileURL.path,
                               scriptSHA256: scriptData.map(SHA256Digest.hex), arguments: arguments,
                               provider: configuration.provider.name.value,
                               baseURL: configuration.provider.baseURL.value.absoluteString, limnVersion: limnVersion)
            history = LazyHistory(home: LimnHome.resolve(environment: env), run: info)
        }
        var writer: ManifestWriter?
        if let path = manifest ?? common.manifest {
            do { writer = try ManifestWriter(url: URL(fileURLWithPath: path), append: appendManifest) } catch {
                Stderr.line("limn: cannot write the manifest '\(path)': \(error)")
                throw ExitCode(2)
            }
        }
        recorder = history != nil || writer != nil || report != nil
            ? HistoryRecorder(history: history, manifest: writer, report: report,
                              storeImages: !configuration.isOffline || replay != nil || configuration.history.offline.value,
                              maxSize: configuration.history.maxSize.value) : nil
    }

    /// Run options for the script.
    func options(script: String, arguments: [String]) -> RunOptions {
        var o = RunOptions(scriptPath: script, arguments: arguments, outputDirectory: outputDirectory)
        o.metadata = !common.noMetadata
        o.concurrency = configuration.concurrency.value
        o.timeout = common.timeout.map { .milliseconds(Int64($0 * 1000)) } ?? configuration.timeouts.call.value
        o.models = DefaultModels(generate: configuration.models.generate.value, edit: configuration.models.edit.value,
                                 chat: configuration.models.chat.value)
        o.bracketOutput = reporter.live && isatty(STDOUT_FILENO) == 1
        let sandboxed = common.sandbox || configuration.run.sandbox.value
        if sandboxed { o.sandbox = SandboxPolicy(script: script, allowRead: common.allowRead, output: outputDirectory) }
        o.memoryLimit = common.memoryLimit.flatMap(Quantity.bytes) ?? configuration.run.memoryLimit?.value ?? (sandboxed ? RunSettings.sandboxMemoryLimit : 0)
        o.timeLimit = common.timeLimit.flatMap(Quantity.duration) ?? configuration.run.timeLimit?.value ?? (sandboxed ? RunSettings.sandboxTimeLimit : nil)
        o.imageLimits = configuration.limits.routerLimits.image
        return o
    }

    /// Runs a script to its end (Ctrl-C stops it cleanly) and records the outcome.
    func run(script: String, arguments: [String], report: (@Sendable (RunEvent) -> Void)? = nil) -> LimnLua.RunOutcome {
        let forward = report ?? reporter.handle
        let (meter, prices) = (meter, configuration.prices)
        let runner = ScriptRunner(options: options(script: script, arguments: arguments), performer: performer,
                                  recorder: recorder, report: { event in
                                      meter.handle(event, prices: prices)
                                      forward(event)
                                  })
        let outcome = SignalTrap.run(runner)
        reporter.finish()
        recorder?.finish(outcome)
        return outcome
    }

    /// Closes network connections.
    func shutdown() {
        guard let live else { return }
        let done = DispatchSemaphore(value: 0)
        Task.detached { await live.shutdown(); done.signal() }
        done.wait()
    }
}

/// The command line as typed, for a report's header (arguments with spaces or quotes quoted).
enum CommandLineText {
    static var current: String {
        (["limn"] + CommandLine.arguments.dropFirst()).map { arg in
            arg.isEmpty || arg.contains(where: { " \"'$\\`".contains($0) })
                ? "'" + arg.replacingOccurrences(of: "'", with: "'\\''") + "'" : arg
        }.joined(separator: " ")
    }
}
