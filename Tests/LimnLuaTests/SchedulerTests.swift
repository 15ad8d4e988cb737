import Testing
@testable import LimnLua

@Suite struct SchedulerTests {
    typealias S = Scheduler<String>

    @Test func readyTasksRunInSpawnOrder() {
        var s = S()
        let a = s.spawn(start: "a"), b = s.spawn(start: "b")
        #expect(s.nextReady()?.0 == a)
        #expect(s.nextReady()?.0 == b)
        #expect(s.nextReady() == nil)
    }

    @Test func anOperationWakesOnlyItsTask() {
        var s = S()
        let a = s.spawn(start: "a"), b = s.spawn(start: "b")
        _ = s.nextReady(); _ = s.nextReady()
        let opA = s.newOperation(), opB = s.newOperation()
        s.block(a, on: .operation(opA))
        s.block(b, on: .operation(opB))
        #expect(s.pendingOperations == 2)
        #expect(s.complete(opB, "resultB") == b)
        let next = s.nextReady()
        #expect(next?.0 == b && next?.1 == "resultB")
        #expect(s.nextReady() == nil)
        #expect(s.complete(opB, "again") == nil, "an operation completes once")
    }

    @Test func finishingWakesJoinersWithTheirPayload() {
        var s = S()
        let worker = s.spawn(start: "w"), waiter = s.spawn(start: "x")
        _ = s.nextReady(); _ = s.nextReady()
        s.block(waiter, on: .task(worker))
        #expect(s.deadlocked == [], "the worker is running, not blocked")
        s.finish(worker, .succeeded) { j in "joined by \(j.raw)" }
        #expect(s.outcome(worker) == .succeeded)
        let next = s.nextReady()
        #expect(next?.0 == waiter && next?.1 == "joined by \(waiter.raw)")
    }

    @Test func sleepersWakeAtTheirDeadline() {
        var s = S()
        let a = s.spawn(start: "a")
        _ = s.nextReady()
        let t0 = ContinuousClock.now
        s.block(a, on: .sleep(until: t0 + .seconds(1)))
        #expect(s.nextDeadline == t0 + .seconds(1))
        #expect(s.wakeSleepers(now: t0, "woke") == 0)
        #expect(s.wakeSleepers(now: t0 + .seconds(2), "woke") == 1)
        #expect(s.nextReady()?.1 == "woke")
    }

    @Test func interruptCancelsAnyWait() {
        var s = S()
        let a = s.spawn(start: "a")
        _ = s.nextReady()
        let op = s.newOperation()
        s.block(a, on: .operation(op))
        #expect(s.interrupt(a, "cancelled") == .operation(op))
        #expect(s.complete(op, "late") == nil, "a late completion is ignored")
        #expect(s.nextReady()?.1 == "cancelled")
    }

    @Test func mutualWaitsAreReportedAsDeadlock() {
        var s = S()
        let a = s.spawn(start: "a"), b = s.spawn(start: "b")
        _ = s.nextReady(); _ = s.nextReady()
        s.block(a, on: .task(b))
        s.block(b, on: .task(a))
        #expect(s.deadlocked == [a, b])
        #expect(!s.allFinished)
    }

    @Test func allFinishedOnlyWhenEveryTaskEnded() {
        var s = S()
        let a = s.spawn(start: "a")
        #expect(!s.allFinished)
        _ = s.nextReady()
        s.finish(a, .failed) { _ in "" }
        #expect(s.allFinished)
        #expect(s.outcome(a) == .failed)
    }
}
