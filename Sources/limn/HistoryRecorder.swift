import Foundation
import LimnHistory
import LimnLua
import LimnRouter

/// Keeps what a run receives: every call goes to the history store (images into the
/// content-addressed store first) and to the manifest, before the script sees it.
final class HistoryRecorder: RunRecorder {
    let history: LazyHistory?
    let manifest: ManifestWriter?
    /// Collects the calls for `--report`/`--html`.
    let report: ReportCollector?

    /// Whether image bodies go into the store (not for the offline provider, by default).
    let storeImages: Bool
    /// The history's size cap, applied when the run ends.
    let maxSize: Int?

    init(history: LazyHistory?, manifest: ManifestWriter?, report: ReportCollector? = nil,
         storeImages: Bool = true, maxSize: Int? = nil) {
        self.storeImages = storeImages
        self.maxSize = maxSize
        self.history = history
        self.manifest = manifest
        self.report = report
    }

    func callFinished(_ call: Call, result: Result<CallResult, RouterError>, parentSHA256: String?, started: Date,
                      location: String?) throws {
        let summary = CallSummary(call: call, outcome: result, started: started, parentSHA256: parentSHA256)
        report?.callFinished(summary, location: location)
        var failure: (any Error)?
        if let (history, runID) = history?.open() {
            do { _ = try history.record(summary, in: runID, storeImages: storeImages) } catch { failure = error }
        }
        if let manifest {
            do { try manifest.record(summary) } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
    }

    func imageSaved(sha256: String, path: String) {
        report?.imageSaved(sha256: sha256, path: path)
        if let (history, runID) = history?.open() { try? history.noteSaved(sha256: sha256, path: path, in: runID) }
        try? manifest?.noteSaved(sha256: sha256, path: path)
    }

    /// Records how the run ended and closes the manifest.
    func finish(_ outcome: LimnLua.RunOutcome) {
        if let (history, runID) = history?.opened {
            let o: LimnHistory.RunOutcome
            switch outcome {
            case .success: o = .succeeded
            case .failed: o = .failed
            case .interrupted: o = .interrupted
            }
            try? history.finishRun(runID, outcome: o)
            // The cap applies once the run is over, so nothing it received is pruned under it.
            if let maxSize { _ = try? history.prune(maxSize: Int64(maxSize)) }
        }
        manifest?.close()
    }
}

/// The history store and this run's row, opened on first use (once, from any thread). When it
/// cannot open, a warning says so once and the run goes unrecorded.
final class LazyHistory: @unchecked Sendable {
    // @unchecked Sendable: `state` is only touched under `lock`.
    private let home: URL
    private let run: RunInfo
    private let lock = NSLock()
    private var state: (store: HistoryStore, id: RunID)?
    private var failed = false

    init(home: URL, run: RunInfo) {
        self.home = home
        self.run = run
    }

    /// The store and run id, opening them now if need be; nil when the history is unavailable.
    func open() -> (HistoryStore, RunID)? {
        lock.lock(); defer { lock.unlock() }
        if let state { return state }
        if failed { return nil }
        do {
            let store = try HistoryStore.open(home: home)
            state = (store, try store.beginRun(run))
            return state
        } catch {
            failed = true
            Stderr.line("limn: warning: the history store is unavailable (\(error)); this run is not recorded. Set LIMN_HOME or pass --no-history.")
            return nil
        }
    }

    /// The store and run id if the run has opened them.
    var opened: (HistoryStore, RunID)? {
        lock.lock(); defer { lock.unlock() }
        return state
    }
}
