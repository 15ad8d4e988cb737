import CLua
import CLuaShim
import Foundation
import LimnRouter

extension LuaHost {
    /// spawn, sleep, log and the task primitives the prelude builds on.
    func installTaskBindings(_ limn: Int32) {
        setFunction(limn, "spawn") { [unowned self] s in self.spawnBinding(s) }
        setFunction(limn, "sleep") { [unowned self] s in self.sleepBinding(s) }
        setFunction(limn, "log") { [unowned self] s in
            var parts: [String] = []
            for i in 1...max(1, s.top) {
                if let str = s.string(i) { parts.append(str) }
                else if s.type(i) == LUA_TNUMBER { parts.append(s.isInteger(i) ? String(s.integer(i) ?? 0) : String(s.number(i) ?? 0)) }
                else if let b = s.boolean(i) { parts.append(b ? "true" : "false") }
                else if s.type(i) == LUA_TNIL && i <= s.top { parts.append("nil") }
                else if s.top >= i { parts.append(s.typeName(i)) }
            }
            self.report(.log(parts.joined(separator: "\t")))
            return .values(0)
        }
        let epoch = ContinuousClock.now
        setFunction(limn, "clock") { s in
            let d = epoch.duration(to: .now)
            s.push(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
            return .values(1)
        }
        setFunction(limn, "_report_case") { [unowned self] s in
            self.report(.testCase(name: s.string(1) ?? "?", passed: s.boolean(2) ?? false, seconds: s.number(3) ?? 0, message: s.string(4)))
            return .values(0)
        }
        setFunction(limn, "_bracket_output") { [unowned self] s in
            self.report(.output(begin: s.boolean(1) ?? false))
            return .values(0)
        }
        setFunction(limn, "_wait") { [unowned self] s in self.waitBinding(s) }
        setFunction(limn, "_cancel") { [unowned self] s in
            guard let id = s.integer(1) else { return s.raise("cancel: call it as task:cancel()") }
            self.cancel(TaskID(raw: id))
            return .values(0)
        }
        setFunction(limn, "_status") { [unowned self] s in
            guard let id = s.integer(1).map(TaskID.init(raw:)) else { return s.raise("status: call it as task:status()") }
            switch self.scheduler.outcome(id) {
            case .succeeded: s.push("done")
            case .failed: s.push(self.tasks[id]?.cancelled == true ? "cancelled" : "failed")
            case nil: s.push(self.scheduler.wait(of: id) == nil ? "running" : "waiting")
            }
            return .values(1)
        }
    }

    /// Makes a task of the function at the bottom of `s` (with the values after it as arguments).
    func spawnBinding(_ s: LuaStack) -> LuaReturn {
        guard s.type(1) == LUA_TFUNCTION else {
            return s.raise("limn.spawn: give a function to run — limn.spawn(function() … end) (got \(s.typeName(1)))")
        }
        let nargs = s.top - 1
        let id = spawnTask(from: s, nargs: nargs)
        s.newTable(record: 1)
        s.push(id.raw)
        s.rawSet(-2, "id")
        luaL_setmetatable(s.L, LuaHost.taskType)
        return .values(1)
    }

    /// Moves the function and its `nargs` arguments from the top of `s` onto a new coroutine.
    @discardableResult
    func spawnTask(from s: LuaStack, nargs: Int32) -> TaskID {
        guard let co = lua_newthread(s.L) else { fatalError("lua_newthread returned nil") }
        shim_mark_task(co)
        let ref = s.ref()
        lua_xmove(s.L, co, nargs + 1)
        let id = scheduler.spawn(start: .start(nargs))
        tasks[id] = TaskRecord(thread: co, threadRef: ref)
        return id
    }

    func waitBinding(_ s: LuaStack) -> LuaReturn {
        guard let raw = s.integer(1) else { return s.raise("wait: call it as task:wait()") }
        let id = TaskID(raw: raw)
        guard tasks[id] != nil else { return s.raise("wait: no such task") }
        if id == currentTask { return s.raise("wait: a task cannot wait for itself") }
        if scheduler.outcome(id) != nil {
            tasks[id]?.observed = true
            return pushTaskResults(id, on: s)
        }
        guard shim_can_wait(s.L) != 0 else { return s.raise("wait: cannot wait here — Lua cannot yield inside this call") }
        guard let me = currentTask else { return s.raise("wait: called outside a running task") }
        scheduler.block(me, on: .task(id))
        lua_pushlightuserdata(s.L, pendingMarker)
        s.push(-1)
        return .yield(2)
    }

    /// Pushes a finished task's results (returning them) or its error (raising it as it was).
    func pushTaskResults(_ id: TaskID, on s: LuaStack) -> LuaReturn {
        guard let record = tasks[id] else { return .values(0) }
        if let errorRef = record.errorRef {
            s.pushRef(errorRef)
            return .rethrow
        }
        guard let resultRef = record.resultRef else { return .values(0) }
        s.pushRef(resultRef)
        s.rawGet(-1, "n")
        let n = Int32(s.integer(-1) ?? 0)
        s.pop()
        guard s.ensure(n + 1) else { s.pop(); return s.raise("wait: too many results") }
        for k in 0..<Int(n) { s.rawGet(-1 - Int32(k), index: k + 1) }
        shim_remove(s.L, -(n + 1))
        return .values(n)
    }

    func sleepBinding(_ s: LuaStack) -> LuaReturn {
        guard let seconds = s.number(1), seconds >= 0, seconds.isFinite else {
            return s.raise("limn.sleep: give a number of seconds — limn.sleep(0.5)")
        }
        guard shim_can_wait(s.L) != 0 else { return s.raise("limn.sleep: cannot wait here — Lua cannot yield inside this call") }
        guard let me = currentTask else { return s.raise("limn.sleep: called outside a running task") }
        if tasks[me]?.cancelled == true {
            pushError(RouterError(.cancelled, "the task was cancelled"), on: s)
            return .raise
        }
        scheduler.block(me, on: .sleep(until: .now + .milliseconds(Int64(seconds * 1000))))
        lua_pushlightuserdata(s.L, pendingMarker)
        s.push(-1)
        return .yield(2)
    }

    /// Cancels a task: its in-flight request is cancelled and its pending wait fails with `cancelled`.
    func cancel(_ id: TaskID) {
        guard tasks[id] != nil, scheduler.outcome(id) == nil else { return }
        tasks[id]?.cancelled = true
        let wait = scheduler.interrupt(id, .error(RouterError(.cancelled, "the task was cancelled")))
        if case .operation(let op) = wait, let entry = inflight.removeValue(forKey: op) {
            entry.task?.cancel()
        }
    }
}
