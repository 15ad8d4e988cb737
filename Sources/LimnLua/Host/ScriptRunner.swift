import Foundation
import LimnRouter

/// Runs one script on a dedicated thread (the Lua state never touches a pool thread) and
/// reports how it ended. `interrupt()` may be called from any thread, e.g. a signal handler.
public final class ScriptRunner: Sendable {
    private let options: RunOptions
    private let performer: any CallPerformer
    private let report: @Sendable (RunEvent) -> Void
    private let recorder: (any RunRecorder)?
    private let mailbox = Mailbox<HostMessage>()

    /// A runner for `options`, sending calls through `performer`; `recorder` keeps what arrives.
    public init(options: RunOptions, performer: any CallPerformer, recorder: (any RunRecorder)? = nil,
                report: @escaping @Sendable (RunEvent) -> Void = { _ in }) {
        self.options = options
        self.recorder = recorder
        self.performer = performer
        self.report = report
    }

    /// Runs the script to its end and returns the outcome.
    public func run() async -> RunOutcome {
        await withCheckedContinuation { (continuation: CheckedContinuation<RunOutcome, Never>) in
            start { continuation.resume(returning: $0) }
        }
    }

    /// Runs the script, blocking the calling thread (which must not be a Swift-concurrency pool thread).
    public func runBlocking() -> RunOutcome {
        let box = OutcomeBox()
        let done = DispatchSemaphore(value: 0)
        start { outcome in
            box.value = outcome
            done.signal()
        }
        done.wait()
        return box.value
    }

    /// Starts the Lua thread; `finished` runs on it with the outcome once the state is closed.
    private func start(_ finished: @escaping @Sendable (RunOutcome) -> Void) {
        let thread = Thread { [options, performer, mailbox, report, recorder] in
            let outcome: RunOutcome
            do {
                let host = try LuaHost(options: options, performer: performer, mailbox: mailbox, recorder: recorder, report: report)
                outcome = host.run()
                host.close()
            } catch {
                outcome = .failed(message: "limn: \(error)", traceback: "")
            }
            finished(outcome)
        }
        thread.name = "limn-lua"
        thread.stackSize = 16 << 20
        thread.start()
    }

    /// Stops the run: in-flight requests are cancelled and the run ends as `.interrupted`.
    public func interrupt() { mailbox.post(.interrupt) }
}

/// Carries the outcome from the Lua thread to the waiting one.
/// `@unchecked Sendable`: written once before `done.signal()`, read after `done.wait()`.
private final class OutcomeBox: @unchecked Sendable {
    var value: RunOutcome = .success
}
