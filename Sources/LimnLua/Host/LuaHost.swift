import CLua
import CLuaShim
import Foundation
import LimnImage
import LimnRouter

/// Messages from request tasks (and signal handlers) to the Lua thread.
enum HostMessage: Sendable {
    case completed(OperationID, OperationOutput)
    case interrupt
}

/// What an operation produced.
enum OperationOutput: Sendable {
    case call(Result<CallResult, RouterError>)
    case image(Result<InputImage, RouterError>)
    /// `save` wrote the image with this SHA-256 to the path (or failed).
    case saved(Result<String, RouterError>, sha256: String)
}

/// What a task is resumed with.
enum Resume {
    /// First run: the function's arguments are already on its stack.
    case start(Int32)
    /// Nothing to hand back (after a sleep or a plain `coroutine.yield()`).
    case empty
    /// An operation finished.
    case output(OperationOutput, CallContext)
    /// A task it waited for finished.
    case joined(TaskID)
    /// Fail the pending binding with this error.
    case error(RouterError)
}

/// What the host remembers about a call while it is in flight.
struct CallContext {
    let binding: String
    let call: Call?
    let parent: ImageObject?
    let started: ContinuousClock.Instant
}

/// One Lua task: a coroutine, and its results once it ends.
struct TaskRecord {
    let thread: OpaquePointer
    let threadRef: Int32
    var resultRef: Int32?
    var errorRef: Int32?
    var errorText: String?
    var cancelled = false
    var observed = false
}

/// The Lua 5.4 interpreter with Limn's bindings, driven by a coroutine scheduler.
///
/// Lives on one dedicated thread for its whole life: `lua_State` is not thread-safe,
/// and bindings that wait on the network yield their coroutine rather than block.
final class LuaHost {
    let L: OpaquePointer
    let options: RunOptions
    let performer: any CallPerformer
    let mailbox: Mailbox<HostMessage>
    let gate: RequestGate
    let report: @Sendable (RunEvent) -> Void
    let recorder: (any RunRecorder)?

    var scheduler = Scheduler<Resume>()
    var tasks: [TaskID: TaskRecord] = [:]
    /// Operations in flight: a call's task (cancelled with it), or nil for a write `save` started.
    var inflight: [OperationID: (task: Task<Void, Never>?, context: CallContext, owner: TaskID)] = [:]
    /// Image writes `save` started on other threads; the run waits for them before it returns,
    /// however it ends, so no file is left half-written behind it.
    let pendingWrites = DispatchGroup()
    var currentTask: TaskID?
    var interrupted = false
    /// Kilobytes held outside Lua's heap by values pushed since the last GC step.
    var gcDebtKB = 0
    /// Kilobytes of images pushed since the last call started (`collectBeforeCall`).
    var imageKBSinceCall = 0
    /// Image userdata created and finalized, reported when the run ends.
    var imagesCreated = 0
    var imagesFinalized = 0
    /// Tracebacks of failed tasks, for the final report.
    var tracebacks: [TaskID: String] = [:]
    private var functionBoxes: [Unmanaged<LuaFunctionBox>] = []

    /// The lightuserdata a binding yields first, so coroutine wrappers can tell a host wait
    /// from a script's own `coroutine.yield`.
    var pendingMarker: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    init(options: RunOptions, performer: any CallPerformer, mailbox: Mailbox<HostMessage>, recorder: (any RunRecorder)?,
         report: @escaping @Sendable (RunEvent) -> Void) throws(HostError) {
        _ = LuaDispatcher.installed
        self.recorder = recorder
        self.options = options
        self.performer = performer
        self.mailbox = mailbox
        self.report = report
        self.gate = RequestGate(limit: options.concurrency)
        L = shim_newstate()
        do {
            guard shim_openlibs(L) == LUA_OK else { throw HostError("could not open Lua's standard libraries") }
            guard shim_install_coroutines(L, Unmanaged.passUnretained(self).toOpaque()) == LUA_OK else {
                throw HostError("could not install the coroutine library")
            }
            try installBindings()
            if let policy = options.sandbox { try installSandbox(policy) }
            installLimits()
        } catch let error as HostError {
            close()
            throw error
        } catch {
            close()
            throw HostError("\(error)")
        }
    }

    private var closed = false

    /// Closes the Lua state (running the remaining finalizers) and releases the Swift
    /// functions. Must be called while the host is alive: finalizers reach back into it.
    func close() {
        guard !closed else { return }
        closed = true
        for (_, entry) in inflight { entry.task?.cancel() }
        inflight.removeAll()
        shim_close(L)
        for box in functionBoxes { box.release() }
        functionBoxes.removeAll()
    }

    deinit {
        precondition(closed, "LuaHost.close() must run before the host is released")
    }

    /// The main thread's stack.
    var stack: LuaStack { LuaStack(L) }

    /// Pushes a Swift function as a Lua C closure.
    func pushFunction(_ name: String, _ body: @escaping LuaSwiftFunction) {
        let box = Unmanaged.passRetained(LuaFunctionBox(name: name, body: body))
        functionBoxes.append(box)
        shim_pushswiftfunction(L, box.toOpaque())
    }

    /// Sets `t[name]` (t at `table`) to a Swift function.
    func setFunction(_ table: Int32, _ name: String, _ body: @escaping LuaSwiftFunction) {
        let t = stack.absolute(table)
        pushFunction(name, body)
        stack.rawSet(t, name)
    }

    /// Tells Lua's collector about bytes it cannot see (image data lives in Swift), so
    /// dropped images are finalized in proportion to what they hold.
    func settleGCDebt() {
        guard gcDebtKB > 0 else { return }
        let kb = Int32(min(gcDebtKB, Int(Int32.max / 2)))
        gcDebtKB = 0
        _ = shim_gc_step(L, kb)
    }

    /// The script's display name for chunk names and messages (`watercolor.lua`).
    var scriptName: String { URL(fileURLWithPath: options.scriptPath).lastPathComponent }
}

/// The host could not start (not a script error).
struct HostError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
