import Foundation

/// The replay queue behind an actor, shared by concurrent requests.
actor ReplayState {
    private var queue: ReplayQueue

    /// State over `queue`.
    init(queue: ReplayQueue) { self.queue = queue }

    /// The next recorded exchange for `fingerprint`, or nil.
    func next(for fingerprint: RequestFingerprint) -> CassetteEntry? { queue.next(for: fingerprint) }

    /// Why `fingerprint` has no answer (see `ReplayQueue.missMessage`).
    func missMessage(for fingerprint: RequestFingerprint, in cassette: Cassette) -> String {
        queue.missMessage(for: fingerprint, in: cassette)
    }
}
