import Foundation
import LimnRouter

/// A transport that replays what a cassette holds and records what it lacks: a request with a
/// recorded answer left gets it with no network; any other goes through the wrapped transport and
/// is appended to the cassette (created if missing).
public struct ReplayOrRecordTransport: Transport {
    /// The recording answered from and appended to.
    public let cassette: Cassette
    private let state: ReplayState
    private let recorder: ExchangeRecorder
    private let canonicalizer: RequestCanonicalizer

    /// Replays `cassette` (empty if it does not exist yet), recording misses from `inner`.
    /// - Throws: `CassetteError` when an existing index is malformed.
    public init(wrapping inner: any Transport, cassette: Cassette,
                canonicalizer: RequestCanonicalizer = RequestCanonicalizer()) throws(CassetteError) {
        self.cassette = cassette
        self.canonicalizer = canonicalizer
        let queue = ReplayQueue(entries: cassette.exists ? try cassette.entries() : [], canonicalizer: canonicalizer)
        self.state = ReplayState(queue: queue)
        self.recorder = ExchangeRecorder(inner: inner, writer: CassetteWriter(cassette: cassette, replacing: false,
                                                                              recorded: queue.recordedOccurrences))
    }

    /// The recorded answer to `request` if one is left, else the wrapped transport's, recorded.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let prepared = canonicalizer.prepare(request)
        if let entry = await state.next(for: prepared.fingerprint) {
            return try entry.replay(from: cassette)
        }
        return try await recorder.send(request, prepared: prepared)
    }
}
