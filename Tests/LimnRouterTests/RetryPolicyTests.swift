import Foundation
import Testing
@testable import LimnRouter

/// A seeded, thread-safe source of uniform doubles in 0..<1.
final class SeededSource: @unchecked Sendable {  // the generator is only touched under the lock
    private var generator: SplitMix64
    private let lock = NSLock()
    init(seed: UInt64) { generator = SplitMix64(seed: seed) }
    func next() -> Double {
        lock.lock()
        defer { lock.unlock() }
        return Double(generator.next() >> 11) / Double(1 << 53)
    }
}

@Suite("Retry policy")
struct RetryPolicyTests {
    func policy(_ jitter: RetryPolicy.Jitter = .full, seed: UInt64 = 42) -> RetryPolicy {
        let source = SeededSource(seed: seed)
        return RetryPolicy(jitter: jitter, random: { source.next() })
    }

    func seconds(_ d: RetryPolicy.Decision) -> Double? {
        guard case .retry(let after) = d else { return nil }
        return Double(after.components.seconds) + Double(after.components.attoseconds) / 1e18
    }

    static let retryable: [RouterError] = [
        RouterError(.rateLimit, "slow", status: 429, retryable: true),
        RouterError(.http, "bad gateway", status: 502, retryable: true),
        RouterError(.http, "origin timeout", status: 524, retryable: true),
        RouterError(.timeout, "408", status: 408, retryable: true),
        RouterError(.decode, "cut off", status: 200, retryable: true),
    ]

    static let final: [RouterError] = [
        RouterError(.api, "bad request", status: 400),
        RouterError(.auth, "bad key", status: 401),
        RouterError(.auth, "forbidden", status: 403),
        RouterError(.api, "no model", status: 404),
        RouterError(.http, "odd", status: 404, retryable: true),
        RouterError(.rateLimit, "quota", status: 429, retryable: false),
        RouterError(.cancelled, "stop", retryable: true),
        RouterError(.shape, "?", status: 200),
        RouterError(.noImage, "text only", status: 200),
    ]

    @Test(arguments: retryable)
    func retriesTransientErrorsUpToTheLimit(error: RouterError) {
        let p = policy()
        for attempt in 1...3 { #expect(p.decide(after: error, attempt: attempt) != .giveUp) }
        #expect(p.decide(after: error, attempt: 4) == .giveUp)
    }

    @Test(arguments: final)
    func neverRetriesFinalErrors(error: RouterError) {
        #expect(policy().decide(after: error, attempt: 1) == .giveUp)
    }

    @Test(arguments: [(TransportError.Kind.timeout, true), (.reset, true), (.connect, true), (.cancelled, false), (.tooLarge, false), (.unreachable, false)])
    func transportErrors(kind: TransportError.Kind, retries: Bool) {
        let d = policy().decide(after: TransportError(kind, "x"), attempt: 1)
        #expect((d != .giveUp) == retries)
    }

    @Test func fullJitterStaysWithinZeroAndTheExponentialCap() {
        let p = policy(.full, seed: 7)
        for attempt in 1...3 {
            let ceiling = min(30, pow(2, Double(attempt - 1)))
            for _ in 0..<200 {
                let s = seconds(p.decide(after: TransportError(.reset, "x"), attempt: attempt)) ?? -1
                #expect(s >= 0 && s <= ceiling)
            }
        }
    }

    @Test func equalJitterStaysInTheUpperHalf() {
        var p = policy(.equal, seed: 9)
        p.maxRetries = 10
        for attempt in 1...10 {
            let ceiling = min(30, pow(2, Double(attempt - 1)))
            for _ in 0..<100 {
                let s = seconds(p.decide(after: TransportError(.timeout, "x"), attempt: attempt)) ?? -1
                #expect(s >= ceiling / 2 && s <= ceiling, "attempt \(attempt): \(s)")
            }
        }
    }

    @Test func noJitterIsExactAndCappedAtThirtySeconds() {
        var p = policy(.none)
        p.maxRetries = 8
        let delays = (1...8).compactMap { seconds(p.decide(after: TransportError(.connect, "x"), attempt: $0)) }
        #expect(delays == [1, 2, 4, 8, 16, 30, 30, 30])
    }

    @Test func sameSeedSameDelaysOtherSeedOthers() {
        let err = TransportError(.reset, "x")
        let a = policy(seed: 1), b = policy(seed: 1), c = policy(seed: 2)
        let da = (1...3).map { a.decide(after: err, attempt: $0) }
        #expect(da == (1...3).map { b.decide(after: err, attempt: $0) })
        #expect(da != (1...3).map { c.decide(after: err, attempt: $0) })
    }

    @Test func retryAfterIsHonouredAndCapped() {
        let p = policy()
        #expect(seconds(p.decide(after: RouterError(.rateLimit, "x", status: 429, retryable: true, retryAfter: 7), attempt: 1)) == 7)
        #expect(seconds(p.decide(after: RouterError(.rateLimit, "x", status: 429, retryable: true, retryAfter: 3600), attempt: 1)) == 120)
    }

    @Test func zeroRetriesNeverRetries() {
        #expect(RetryPolicy.never.decide(after: TransportError(.reset, "x"), attempt: 1) == .giveUp)
    }
}
