import Testing
@testable import LimnLua

@Suite struct RequestGateTests {
    @Test func admitsUpToTheLimitAndQueuesTheRestInOrder() async throws {
        let gate = RequestGate(limit: 2)
        try await gate.acquire()
        try await gate.acquire()
        let order = OrderLog()
        let third = Task { try await gate.acquire(); order.add(3) }
        try await waitUntil { await gate.queued == 1 }
        let fourth = Task { try await gate.acquire(); order.add(4) }
        try await waitUntil { await gate.queued == 2 }
        #expect(order.items.isEmpty, "both wait while two places are taken")
        await gate.release()
        try await third.value
        #expect(order.items == [3])
        await gate.release()
        try await fourth.value
        #expect(order.items == [3, 4])
    }

    @Test func aCancelledWaiterLeavesTheQueue() async throws {
        let gate = RequestGate(limit: 1)
        try await gate.acquire()
        let waiter = Task { try await gate.acquire() }
        try await waitUntil { await gate.queued == 1 }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        await gate.release()
        try await gate.acquire() // the place went back to the pool, not to the cancelled waiter
    }
}

/// Polls `condition` (a busy machine can take a while to start a task); fails after 10 s.
func waitUntil(_ condition: () async -> Bool) async throws {
    for _ in 0..<1000 {
        if await condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("condition not met within 10 s")
}

final class OrderLog: @unchecked Sendable {
    // @unchecked Sendable: `items` is only touched under `lock`.
    private let lock = NSLockish()
    private var storage: [Int] = []
    func add(_ i: Int) { lock.run { storage.append(i) } }
    var items: [Int] { lock.run { storage } }
}

import Foundation
struct NSLockish: Sendable {
    private let lock = NSLock()
    func run<T>(_ body: () -> T) -> T { lock.lock(); defer { lock.unlock() }; return body() }
}
