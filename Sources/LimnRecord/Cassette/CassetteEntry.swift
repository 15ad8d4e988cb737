import Foundation
import LimnRouter

/// One recorded exchange: a line of the cassette's index.
///
/// ```
/// {"fingerprint":"…","occurrence":1,"request":{…},"response":{…}}
/// {"error":{"kind":"timeout","message":"…"},"fingerprint":"…","occurrence":2,"request":{…}}
/// ```
/// `occurrence` counts identical requests (same fingerprint) in the order the recording run sent
/// them, so replay hands the first answer to the first such request, and so on.
struct CassetteEntry: Sendable, Equatable {
    /// What the request got.
    enum Outcome: Sendable, Equatable {
        /// A response (any status).
        case response(StoredResponse)
        /// A transport failure (timeout, reset…), replayed as the same error.
        case failure(TransportError)
    }

    /// The request's fingerprint (recomputed from `request` when read back).
    var fingerprint: RequestFingerprint
    /// 1 for the first request with this fingerprint, 2 for the second, …
    var occurrence: Int
    /// What it got.
    var outcome: Outcome

    /// The canonical request.
    var request: CanonicalRequest { fingerprint.canonical }

    /// The index line: compact JSON, keys sorted, ending in a newline.
    var indexLine: Data {
        var object: JSONObject = [
            "fingerprint": .string(fingerprint.sha256),
            "occurrence": .int(Int64(occurrence)),
            "request": request.indexValue,
        ]
        switch outcome {
        case .response(let response): object["response"] = response.indexValue
        case .failure(let error): object["error"] = ["kind": .string(error.kind.rawValue), "message": .string(error.message)]
        }
        var line = JSONValue.object(object).serializedCanonical()
        line.append(0x0A)
        return line
    }

    /// An entry.
    init(fingerprint: RequestFingerprint, occurrence: Int, outcome: Outcome) {
        self.fingerprint = fingerprint
        self.occurrence = occurrence
        self.outcome = outcome
    }

    /// An entry read back from an index line.
    init(indexValue value: JSONValue) throws(CassetteError) {
        guard let requestValue = value["request"], let occurrence = value["occurrence"]?.intValue else {
            throw CassetteError(.corrupt, "an index entry has no request or occurrence")
        }
        let request = try CanonicalRequest(indexValue: requestValue)
        if let response = value["response"] {
            outcome = .response(try StoredResponse(indexValue: response))
        } else if let error = value["error"], let kindName = error["kind"]?.stringValue {
            let kind = TransportError.Kind(rawValue: kindName) ?? .reset
            outcome = .failure(TransportError(kind, error["message"]?.stringValue ?? kindName))
        } else {
            throw CassetteError(.corrupt, "the entry for \(request.summary) has neither a response nor an error")
        }
        self.fingerprint = RequestFingerprint(request)
        self.occurrence = occurrence
    }
}
