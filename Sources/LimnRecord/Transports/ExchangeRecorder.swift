import Foundation
import LimnRouter

/// Sends a request through the wrapped transport and appends the exchange to a cassette: what
/// `RecordingTransport` does for every request and `ReplayOrRecordTransport` for new ones.
struct ExchangeRecorder: Sendable {
    /// Failures recorded and replayed; the others are only passed on.
    static let recordedFailures: Set<TransportError.Kind> = [.timeout, .reset, .tooLarge]

    /// The transport that really answers.
    let inner: any Transport
    /// Where exchanges go.
    let writer: CassetteWriter

    /// Sends `request` and records what it got: a response of any status, or a failure after the
    /// request reached the router (timeout, reset, too large), which replays as the same error, so a
    /// retried call replays its retries. Cancellation and a router that could not be reached at all
    /// (`connect`, `unreachable`) are not recorded: they are not the router's answer, and a later
    /// replay-or-record run should try the network again.
    /// - Throws: the wrapped transport's error, or `CassetteError` when the cassette cannot be written.
    func send(_ request: HTTPRequest, prepared: PreparedRequest) async throws -> HTTPResponse {
        let occurrence = await writer.nextOccurrence(of: prepared.fingerprint.sha256)
        let response: HTTPResponse
        do {
            response = try await inner.send(request)
        } catch let error as TransportError where Self.recordedFailures.contains(error.kind) {
            let failure = TransportError(error.kind, prepared.credentials.scrub(error.message))
            let entry = CassetteEntry(fingerprint: prepared.fingerprint, occurrence: occurrence, outcome: .failure(failure))
            try await writer.append(entry, blobs: prepared.blobs)
            throw error
        }
        let (stored, bodies) = StoredResponse.store(response, credentials: prepared.credentials)
        let entry = CassetteEntry(fingerprint: prepared.fingerprint, occurrence: occurrence, outcome: .response(stored))
        try await writer.append(entry, blobs: prepared.blobs + bodies)
        return response
    }
}

extension CassetteEntry {
    /// The recorded answer: the response read back byte for byte, or the recorded failure thrown.
    func replay(from cassette: Cassette) throws -> HTTPResponse {
        switch outcome {
        case .response(let stored): return try stored.load(from: cassette)
        case .failure(let error): throw error
        }
    }
}
