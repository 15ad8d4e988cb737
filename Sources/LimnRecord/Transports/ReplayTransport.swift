import Foundation
import LimnRouter

/// A transport that answers from a cassette with no network (`--replay DIR`): byte-identical
/// bodies, identical requests answered in recorded order. A request the cassette does not hold
/// fails with `TransportError(.unreachable, …)` whose message names the nearest recorded request
/// and how this one differs: `prompt: "a red square" ≠ recorded "a blue square"`.
public struct ReplayTransport: Transport {
    /// The recording answered from.
    public let cassette: Cassette
    private let state: ReplayState
    private let canonicalizer: RequestCanonicalizer

    /// Replays `cassette`, reading its index now.
    /// - Throws: `CassetteError` when there is no cassette or its index is malformed.
    public init(cassette: Cassette, canonicalizer: RequestCanonicalizer = RequestCanonicalizer()) throws(CassetteError) {
        self.cassette = cassette
        self.canonicalizer = canonicalizer
        self.state = ReplayState(queue: ReplayQueue(entries: try cassette.entries(), canonicalizer: canonicalizer))
    }

    /// The recorded answer to `request`.
    /// - Throws: `TransportError(.unreachable)` for a request not recorded (or recorded fewer
    ///   times than asked), the recorded `TransportError` when the recording got one,
    ///   `TransportError(.cancelled)` when the task is cancelled, `CassetteError` for a damaged body file.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        if Task.isCancelled { throw TransportError(.cancelled, "the request was cancelled") }
        let fingerprint = canonicalizer.prepare(request).fingerprint
        guard let entry = await state.next(for: fingerprint) else {
            throw TransportError(.unreachable, await state.missMessage(for: fingerprint, in: cassette))
        }
        return try entry.replay(from: cassette)
    }
}
