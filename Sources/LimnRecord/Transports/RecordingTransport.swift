import Foundation
import LimnRouter

/// A transport that sends every request through another one and records each exchange in a
/// cassette (`--record DIR`): requests canonical and key-free, images as files, the index flushed
/// after each exchange. Safe to call concurrently.
public struct RecordingTransport: Transport {
    /// Where the exchanges go.
    public let cassette: Cassette
    private let recorder: ExchangeRecorder
    private let canonicalizer: RequestCanonicalizer

    /// Records what `inner` answers into `cassette`.
    /// - Parameters:
    ///   - replacing: when true (the default), the first exchange clears an earlier recording in
    ///     that folder (its index and bodies); when false, new exchanges are appended to it.
    public init(wrapping inner: any Transport, cassette: Cassette,
                canonicalizer: RequestCanonicalizer = RequestCanonicalizer(), replacing: Bool = true) {
        self.cassette = cassette
        self.canonicalizer = canonicalizer
        var recorded: [String: Int] = [:]
        if !replacing, let entries = try? cassette.entries() {
            recorded = ReplayQueue(entries: entries, canonicalizer: canonicalizer).recordedOccurrences
        }
        self.recorder = ExchangeRecorder(inner: inner, writer: CassetteWriter(cassette: cassette, replacing: replacing, recorded: recorded))
    }

    /// Sends `request` through the wrapped transport and records the exchange.
    /// - Throws: the wrapped transport's error (after recording it), or `CassetteError` when the
    ///   cassette cannot be written.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await recorder.send(request, prepared: canonicalizer.prepare(request))
    }
}
