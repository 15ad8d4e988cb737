import Foundation

/// Identifies one Lua task (the main chunk is task 0).
struct TaskID: Hashable, Sendable, CustomStringConvertible {
    let raw: Int
    var description: String { "task \(raw)" }
}

/// Identifies one operation in flight (a request running on the Swift side).
struct OperationID: Hashable, Sendable {
    let raw: Int
}

/// The coroutine scheduler as a value: which tasks can run, what each waits for.
///
/// It knows nothing of Lua: the driver resumes the task `nextReady()` hands out with
/// its payload, then tells the scheduler what the task did (finished, or blocked on an
/// operation, another task, or a timer). Tested as a plain value.
struct Scheduler<Payload> {
    /// What a blocked task waits for.
    enum Wait: Equatable {
        case operation(OperationID)
        case task(TaskID)
        case sleep(until: ContinuousClock.Instant)
    }

    /// How a task ended.
    enum Outcome: Equatable { case succeeded, failed }

    private enum State {
        case ready(Payload)
        case blocked(Wait)
        case running
        case finished(Outcome)
    }

    private var states: [TaskID: State] = [:]
    private var readyQueue: [TaskID] = []
    private var readyHead = 0
    private var joiners: [TaskID: [TaskID]] = [:]
    private var waitingOn: [OperationID: TaskID] = [:]
    private var nextTask = 0
    private var nextOperation = 0

    init() {}

    /// Adds a task, ready to start with `payload`.
    mutating func spawn(start payload: Payload) -> TaskID {
        let id = TaskID(raw: nextTask)
        nextTask += 1
        makeReady(id, payload)
        return id
    }

    /// A fresh operation id.
    mutating func newOperation() -> OperationID {
        defer { nextOperation += 1 }
        return OperationID(raw: nextOperation)
    }

    /// The next task to run, in FIFO order, marked running.
    mutating func nextReady() -> (TaskID, Payload)? {
        while readyHead < readyQueue.count {
            let id = readyQueue[readyHead]
            readyHead += 1
            if readyHead > 64 && readyHead * 2 > readyQueue.count {
                readyQueue.removeFirst(readyHead)
                readyHead = 0
            }
            if case .ready(let payload) = states[id] {
                states[id] = .running
                return (id, payload)
            }
        }
        return nil
    }

    /// The running task now waits for `wait`.
    mutating func block(_ id: TaskID, on wait: Wait) {
        states[id] = .blocked(wait)
        switch wait {
        case .operation(let op): waitingOn[op] = id
        case .task(let other): joiners[other, default: []].append(id)
        case .sleep: break
        }
    }

    /// The running task yielded without waiting for anything: run it again later.
    mutating func requeue(_ id: TaskID, _ payload: Payload) { makeReady(id, payload) }

    /// An operation completed: its waiting task becomes ready with `payload`.
    /// Returns the task, or nil if nobody waits (e.g. it was cancelled and resumed already).
    @discardableResult
    mutating func complete(_ op: OperationID, _ payload: Payload) -> TaskID? {
        guard let id = waitingOn.removeValue(forKey: op) else { return nil }
        guard case .blocked(.operation(op)) = states[id] else { return nil }
        makeReady(id, payload)
        return id
    }

    /// The task finished; tasks joining it become ready with `payload(joiner)`.
    mutating func finish(_ id: TaskID, _ outcome: Outcome, wake payload: (TaskID) -> Payload) {
        states[id] = .finished(outcome)
        for j in joiners.removeValue(forKey: id) ?? [] {
            if case .blocked(.task(id)) = states[j] { makeReady(j, payload(j)) }
        }
    }

    /// Wakes sleepers whose time has come; returns how many woke.
    @discardableResult
    mutating func wakeSleepers(now: ContinuousClock.Instant, _ payload: Payload) -> Int {
        var woken = 0
        for (id, state) in states {
            if case .blocked(.sleep(let until)) = state, until <= now {
                makeReady(id, payload)
                woken += 1
            }
        }
        return woken
    }

    /// Interrupts a blocked task (cancel): it becomes ready with `payload`, whatever it waited for.
    /// Returns what it was waiting for, or nil when it was not blocked.
    @discardableResult
    mutating func interrupt(_ id: TaskID, _ payload: Payload) -> Wait? {
        guard case .blocked(let wait) = states[id] else { return nil }
        switch wait {
        case .operation(let op): waitingOn[op] = nil
        case .task(let other): joiners[other]?.removeAll { $0 == id }
        case .sleep: break
        }
        makeReady(id, payload)
        return wait
    }

    /// How the task ended, or nil while it has not.
    func outcome(_ id: TaskID) -> Outcome? {
        if case .finished(let o) = states[id] { return o }
        return nil
    }

    /// What the task waits for, if blocked.
    func wait(of id: TaskID) -> Wait? {
        if case .blocked(let w) = states[id] { return w }
        return nil
    }

    /// The earliest sleeper deadline, if any task sleeps.
    var nextDeadline: ContinuousClock.Instant? {
        states.values.compactMap { if case .blocked(.sleep(let t)) = $0 { t } else { nil } }.min()
    }

    /// Operations some task waits for.
    var pendingOperations: Int { waitingOn.count }

    /// Whether every task has finished.
    var allFinished: Bool {
        states.values.allSatisfy { if case .finished = $0 { true } else { false } }
    }

    /// Whether some task can run now.
    var hasReady: Bool { readyHead < readyQueue.count }

    /// Tasks blocked on other tasks while nothing else can move: a deadlock.
    var deadlocked: [TaskID] {
        guard !hasReady, waitingOn.isEmpty, nextDeadline == nil else { return [] }
        guard !states.values.contains(where: { if case .running = $0 { true } else { false } }) else { return [] }
        return states.compactMap { id, s in if case .blocked(.task) = s { id } else { nil } }.sorted { $0.raw < $1.raw }
    }

    private mutating func makeReady(_ id: TaskID, _ payload: Payload) {
        states[id] = .ready(payload)
        readyQueue.append(id)
    }
}
