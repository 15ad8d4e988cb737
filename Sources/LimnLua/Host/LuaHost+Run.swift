import CLua
import CLuaShim
import Foundation
import LimnRouter

extension LuaHost {
    /// Loads the script, runs it as task 0, and drives every task until all have finished.
    func run() -> RunOutcome {
        let s = stack
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: options.scriptPath)) } catch {
            return .failed(message: "limn: cannot read script '\(options.scriptPath)': \(error.localizedDescription)", traceback: "")
        }
        var source = data
        if source.starts(with: [0x23, 0x21]) { // keep line numbers, drop a #! line
            if let nl = source.firstIndex(of: 0x0A) { source.replaceSubrange(source.startIndex..<nl, with: []) } else { source = Data() }
        }
        let chunkName = "@" + scriptName
        let status = source.withUnsafeBytes { raw in
            chunkName.withCString { name in
                shim_loadbuffer(L, raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count, name, 1)
            }
        }
        guard status == LUA_OK else {
            let message = s.string(-1) ?? "the script does not compile"
            s.pop()
            return .failed(message: message, traceback: "")
        }
        // Like lua5.4, the main chunk receives the script's arguments as `...`.
        _ = s.ensure(Int32(options.arguments.count) + 1)
        for a in options.arguments { s.push(a) }
        let main = spawnTask(from: s, nargs: Int32(options.arguments.count))
        let outcome = drive(main: main)
        pendingWrites.wait()
        report(.finished(imagesCreated: imagesCreated, imagesFinalized: imagesFinalized))
        return outcome
    }

    private func drive(main: TaskID) -> RunOutcome {
        while true {
            if interrupted { return stopForInterrupt() }
            if let (task, payload) = scheduler.nextReady() {
                resume(task, payload)
                if shim_tripped(L) != 0, let failed = tasks[task], let text = failed.errorText {
                    // A limit ends the run at once, whichever task reached it.
                    cancelEverything()
                    return .failed(message: text, traceback: traceback(of: task))
                }
                if scheduler.outcome(main) == .failed, let record = tasks[main] {
                    cancelEverything()
                    return .failed(message: record.errorText ?? "error", traceback: traceback(of: main))
                }
                continue
            }
            if scheduler.allFinished { break }
            let stuck = scheduler.deadlocked
            if !stuck.isEmpty {
                for t in stuck {
                    scheduler.interrupt(t, .error(RouterError(.api, "deadlock: this task waits for a task that can never finish (it waits, directly or not, for this one)")))
                }
                continue
            }
            for message in mailbox.take(until: scheduler.nextDeadline) {
                switch message {
                case .interrupt:
                    interrupted = true
                case .completed(let op, let output):
                    guard let entry = inflight.removeValue(forKey: op) else { continue }
                    scheduler.complete(op, .output(output, entry.context))
                }
            }
            scheduler.wakeSleepers(now: .now, .empty)
        }
        let unobserved = tasks.filter { $0.value.errorRef != nil && !$0.value.observed && $0.key != main }.sorted { $0.key.raw < $1.key.raw }
        for (id, record) in unobserved {
            report(.unobservedFailure("\(id) failed and nobody waited for it: \(record.errorText ?? "error")"))
        }
        if let first = unobserved.first {
            return .failed(message: first.value.errorText ?? "a spawned task failed", traceback: traceback(of: first.key))
        }
        return .success
    }

    /// Resumes one task with its payload and records what it did.
    private func resume(_ id: TaskID, _ payload: Resume) {
        guard let record = tasks[id] else { return }
        let co = record.thread
        let s = LuaStack(co)
        var nargs: Int32 = 0
        switch payload {
        case .start(let n):
            if record.cancelled {
                s.top = 0
                pushError(RouterError(.cancelled, "the task was cancelled before it started"), on: LuaStack(L))
                finishFailed(id, errorOn: LuaStack(L), text: "cancelled: the task was cancelled before it started")
                return
            }
            nargs = n
        case .empty:
            _ = s.ensure(1)
            s.push(true)
            nargs = 1
        case .output(let output, let context):
            _ = s.ensure(4)
            if record.cancelled, case .call(.success) = output {
                s.push(false); pushError(LuaHost.cancelled, on: s); nargs = 2
            } else {
                nargs = pushOutput(output, context: context, on: s)
            }
        case .joined(let other):
            _ = s.ensure(3)
            tasks[other]?.observed = true
            if let errorRef = tasks[other]?.errorRef {
                s.push(false); s.pushRef(errorRef); s.push(true)
                nargs = 3
            } else {
                s.push(true)
                nargs = 1
                let before = s.top
                if case .values = pushTaskResults(other, on: s) { nargs += s.top - before }
            }
        case .error(let e):
            _ = s.ensure(3)
            s.push(false)
            pushError(e, on: s)
            nargs = 2
        }
        settleGCDebt()

        currentTask = id
        var nres: Int32 = 0
        let status = shim_resume_guarded(co, L, nargs, &nres)
        currentTask = nil

        switch status {
        case LUA_OK:
            // Keep the results for wait(): a table {n = count, ...}.
            s.newTable(array: nres, record: 1)
            shim_insert(co, -(nres + 1))
            for k in stride(from: Int(nres), through: 1, by: -1) { s.rawSet(-(Int32(k) + 1), index: k) }
            s.push(Int(nres)); s.rawSet(-2, "n")
            tasks[id]?.resultRef = s.ref()
            s.top = 0
            retire(id)
            scheduler.finish(id, .succeeded) { _ in .joined(id) }
        case LUA_YIELD:
            let fromHost = nres >= 1 && lua_touserdata(co, -nres) == pendingMarker
            s.pop(nres)
            if !fromHost || scheduler.wait(of: id) == nil {
                scheduler.requeue(id, .empty) // a plain coroutine.yield(): run again later
            }
        default:
            if status == LUA_ERRMEM && limitsActive {
                // The heap cap refused an allocation: say which limit, at the recipe's line.
                s.pop()
                shim_push_limit_error(co, co, 0)
            }
            let text = errorText(s, -1)
            lua_xmove(co, L, 1)
            finishFailed(id, errorOn: LuaStack(L), text: text)
        }
        settleGCDebt()
    }

    /// Records a failed task: the error value on top of `s` is kept for `wait()`.
    private func finishFailed(_ id: TaskID, errorOn s: LuaStack, text: String) {
        if let record = tasks[id] {
            shim_traceback(L, record.thread, text, 0)
            tasks[id]?.errorText = text
            tracebacks[id] = s.string(-1)
            s.pop()
        }
        tasks[id]?.errorRef = s.ref()
        if let record = tasks[id] { _ = shim_resetthread(record.thread) }
        retire(id)
        scheduler.finish(id, .failed) { _ in .joined(id) }
    }

    /// Releases a finished task's coroutine.
    private func retire(_ id: TaskID) {
        guard let record = tasks[id] else { return }
        LuaStack(L).unref(record.threadRef)
    }

    /// The one-line text of an error value without running any metamethod.
    func errorText(_ s: LuaStack, _ i: Int32) -> String {
        if let str = s.string(i) { return str }
        if s.type(i) == LUA_TTABLE {
            func field(_ k: String) -> String? { s.rawGet(i, k); defer { s.pop() }; return s.string(-1) ?? s.integer(-1).map(String.init) }
            if let kind = field("kind"), let message = field("message") {
                var details: [String] = []
                if let status = field("status") { details.append("HTTP \(status)") }
                if let model = field("model") { details.append("model \(model)") }
                if let rid = field("request_id") { details.append("request id \(rid)") }
                return (field("where") ?? "") + "\(kind): \(message)" + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))")
            }
        }
        return "(error object is a \(s.typeName(i)) value)"
    }

    private func traceback(of id: TaskID) -> String {
        guard let text = tracebacks[id] else { return "" }
        if let range = text.range(of: "stack traceback:") { return String(text[range.lowerBound...]) }
        return text
    }

    private func cancelEverything() {
        for (_, entry) in inflight { entry.task?.cancel() }
        inflight.removeAll()
    }

    private func stopForInterrupt() -> RunOutcome {
        cancelEverything()
        return .interrupted
    }
}
