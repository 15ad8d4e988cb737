import Foundation
import LimnImage
import LimnRouter

/// Default model names per operation.
public struct DefaultModels: Sendable, Equatable {
    public var generate: String
    public var edit: String
    public var chat: String
    /// Defaults.
    public init(generate: String = "gpt-image-1", edit: String = "gpt-image-1", chat: String = "gpt-4o-mini") {
        self.generate = generate
        self.edit = edit
        self.chat = chat
    }
}

/// Everything a script run needs besides the transport.
public struct RunOptions: Sendable {
    /// The script file.
    public var scriptPath: String
    /// Arguments after `--` (`limn.args`, `arg`).
    public var arguments: [String]
    /// Where relative `save` paths land.
    public var outputDirectory: URL
    /// Default models.
    public var models: DefaultModels
    /// Embed recipe metadata in saved files.
    public var metadata: Bool
    /// Run-wide cap on requests in flight.
    public var concurrency: Int
    /// Default per-call deadline.
    public var timeout: Duration
    /// Cap on the Lua heap plus the images the script holds, in bytes (0 = none).
    public var memoryLimit: Int
    /// Cap on the CPU time of the script's thread (nil = none).
    public var timeLimit: Duration?
    /// Limits for images the script reads from files and for the sizes it asks for (`limits.pixels`).
    public var imageLimits: ImageLimits = .default
    /// Run in the sandbox (allow-listed globals, files only inside these folders).
    public var sandbox: SandboxPolicy?
    /// Report `.output(begin:)` around the script's `print`, so a live progress view on the
    /// same terminal can step aside.
    public var bracketOutput = false

    /// Options for running `scriptPath`.
    public init(scriptPath: String, arguments: [String] = [], outputDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                models: DefaultModels = DefaultModels(), metadata: Bool = true, concurrency: Int = 4,
                timeout: Duration = .seconds(600), memoryLimit: Int = 0) {
        self.scriptPath = scriptPath
        self.arguments = arguments
        self.outputDirectory = outputDirectory
        self.models = models
        self.metadata = metadata
        self.concurrency = concurrency
        self.timeout = timeout
        self.memoryLimit = memoryLimit
    }
}

/// How a run ended.
public enum RunOutcome: Sendable, Equatable {
    /// The script finished.
    case success
    /// An uncaught error: the one-line message and the traceback.
    case failed(message: String, traceback: String)
    /// Stopped by Ctrl-C or SIGTERM.
    case interrupted
}

/// What a run reports as it goes (progress, logs). Called from any thread.
public enum RunEvent: Sendable {
    /// A call was sent.
    case callStarted(id: Int, operation: String, model: String)
    /// A call finished: `images` received, or `error`.
    case callFinished(id: Int, operation: String, model: String, elapsed: Duration, images: Int, error: RouterError?)
    /// What a finished call used, for the run's totals (sent right after `callFinished`).
    case callAccounted(CallAccount)
    /// `limn.log(...)` from the script.
    case log(String)
    /// A task failed and nobody waited for it.
    case unobservedFailure(String)
    /// The run ended: Image userdata made and finalized by Lua's GC (a check that dropped images are freed).
    case finished(imagesCreated: Int, imagesFinalized: Int)
    /// The script is about to print to stdout (`begin: true`) or has printed (`false`).
    case output(begin: Bool)
    /// A `limn.test` case finished.
    case testCase(name: String, passed: Bool, seconds: Double, message: String?)
}
