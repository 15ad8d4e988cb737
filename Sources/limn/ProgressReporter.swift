import Foundation
import LimnLua
import LimnRouter

/// Progress and logs on stderr. On a terminal: a live block listing the calls in flight
/// (operation, model, elapsed) and a running done/failed count, redrawn in place. Otherwise:
/// one plain line per finished call. `--quiet` silences progress (errors still print).
/// Thread-safe: events arrive from request tasks and the redraw timer.
/// `@unchecked Sendable`: `timer` is set once in init and only resumed/cancelled (thread-safe
/// Dispatch calls); all mutable state lives in `state`, behind a lock.
final class ProgressReporter: @unchecked Sendable {
    private let quiet: Bool
    private let verbose: Bool
    /// Whether the live view is on (the run brackets its prints then).
    let live: Bool
    private let state = Locked(State())
    private let timer: DispatchSourceTimer?

    private struct Call { let operation: String; let model: String; let started: ContinuousClock.Instant }
    private struct State {
        var inFlight: [Int: Call] = [:]
        var done = 0
        var failed = 0
        var drawnLines = 0
        var held = false
        var frame = 0
    }

    init(quiet: Bool, verbose: Bool, terminal: Bool = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb") {
        self.quiet = quiet
        self.verbose = verbose
        self.live = terminal && !quiet
        if live {
            let t = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "limn.progress"))
            t.schedule(deadline: .now() + .milliseconds(100), repeating: .milliseconds(100))
            timer = t
        } else {
            timer = nil
        }
        timer?.setEventHandler { [weak self] in self?.redraw() }
        timer?.resume()
    }

    /// Handles one run event.
    var handle: @Sendable (RunEvent) -> Void {
        { [self] event in
            switch event {
            case .callStarted(let id, let operation, let model):
                state.withLock { $0.inFlight[id] = Call(operation: operation, model: model, started: .now) }
            case .callFinished(let id, let operation, let model, let elapsed, let images, let error):
                let (done, failed) = state.withLock { s -> (Int, Int) in
                    s.inFlight[id] = nil
                    if error == nil { s.done += 1 } else { s.failed += 1 }
                    return (s.done, s.failed)
                }
                guard !quiet else { return }
                let what = error.map { "failed: \($0.kind.rawValue)" } ?? (operation == "chat" ? "ok" : "\(images) image\(images == 1 ? "" : "s")")
                let line = "limn: \(operation) \(model) \(what) in \(Self.seconds(elapsed)) [\(done) done, \(failed) failed]"
                if live {
                    if error != nil { printAbove(line) }
                } else {
                    Stderr.line(line)
                }
            case .log(let text):
                printAbove(text)
            case .unobservedFailure(let text):
                printAbove("limn: \(text)")
            case .output(let begin):
                if begin { hold() } else { release() }
            case .finished, .testCase, .callAccounted:
                break
            }
        }
    }

    /// Handles router-client events (retries), shown with --verbose.
    var clientEvent: @Sendable (ClientEvent) -> Void {
        { [self] event in
            guard verbose else { return }
            printAbove("limn: \(event)")
        }
    }

    /// Hides the live block while the script writes to stdout on the same terminal.
    func hold() {
        guard live else { return }
        state.withLock { s in
            s.held = true
            Self.erase(&s)
        }
    }

    /// Shows the live block again after script output.
    func release() {
        guard live else { return }
        state.withLock { $0.held = false }
        redraw()
    }

    /// Called when the run ends: the live block is cleared.
    func finish() {
        timer?.cancel()
        guard live else { return }
        state.withLock { s in Self.erase(&s) }
    }

    private func printAbove(_ line: String) {
        state.withLock { s in
            Self.erase(&s)
            Stderr.write(line + "\n")
        }
        if live { redraw() }
    }

    private func redraw() {
        state.withLock { s in
            guard !s.held else { return }
            s.frame += 1
            Self.erase(&s)
            guard !s.inFlight.isEmpty || s.done + s.failed > 0 else { return }
            let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"][s.frame % 10]
            let now = ContinuousClock.now
            var lines: [String] = []
            for (_, call) in s.inFlight.sorted(by: { $0.key < $1.key }).prefix(8) {
                lines.append("  \(spinner) \(call.operation) \(call.model)  \(Self.seconds(call.started.duration(to: now)))")
            }
            if s.inFlight.count > 8 { lines.append("  … and \(s.inFlight.count - 8) more") }
            lines.append("  \(s.inFlight.count) in flight, \(s.done) done, \(s.failed) failed")
            Stderr.write(lines.map { "\u{1B}[2K" + $0 }.joined(separator: "\n") + "\n")
            s.drawnLines = lines.count
        }
    }

    /// Moves up over the drawn block and clears it.
    private static func erase(_ s: inout State) {
        guard s.drawnLines > 0 else { return }
        Stderr.write("\u{1B}[\(s.drawnLines)A\r\u{1B}[J")
        s.drawnLines = 0
    }

    static func seconds(_ d: Duration) -> String {
        String(format: "%.1fs", Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
    }
}

/// A value behind a lock.
final class Locked<Value>: @unchecked Sendable {
    // @unchecked Sendable: `value` is only touched inside `lock`.
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock(); defer { lock.unlock() }
        return body(&value)
    }
}
