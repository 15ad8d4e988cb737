import Foundation
import LimnRouter

/// A recorded call with its images, as `limn history` lists and shows it.
///
/// Route, shape and operation are kept as strings: a history written by a newer Limn may hold
/// values this one does not know.
public struct CallRecord: Sendable, Equatable {
    /// Its id.
    public var id: CallID
    /// The run it belongs to.
    public var runID: RunID
    /// Its position in the run, from 1, in the order calls were recorded.
    public var sequence: Int
    /// generate, edit or chat.
    public var operation: String
    /// The model asked for.
    public var model: String
    /// The prompt (for chat: the last user text).
    public var prompt: String?
    /// The route used.
    public var route: String?
    /// The reply's shape.
    public var shape: String?
    /// HTTP status of the final attempt.
    public var status: Int?
    /// Attempts made (1 = no retry).
    public var attempts: Int
    /// When the call started.
    public var started: Date
    /// Wall time in milliseconds, retries included.
    public var elapsedMilliseconds: Int64
    /// Parameters as sent (scrubbed).
    public var parameters: JSONObject
    /// Usage as the router reported it.
    public var usage: JSONValue?
    /// The router's request id.
    public var requestID: String?
    /// The reply's text, if any.
    public var replyText: String?
    /// The error, for a failed call.
    public var failure: CallSummary.Failure?
    /// The images received, in order.
    public var images: [CallImageRecord]

    /// The record as JSON, for `limn history --json`.
    public var json: JSONValue {
        var object: JSONObject = [
            "id": .int(id.rawValue), "run": .int(runID.rawValue), "sequence": .int(Int64(sequence)),
            "operation": .string(operation), "model": .string(model),
        ]
        object["prompt"] = prompt.map(JSONValue.string)
        object["route"] = route.map(JSONValue.string)
        object["shape"] = shape.map(JSONValue.string)
        object["status"] = status.map { .int(Int64($0)) }
        object["attempts"] = .int(Int64(attempts))
        object["started"] = .string(Timestamp.iso8601(started))
        object["elapsed_ms"] = .int(elapsedMilliseconds)
        object["parameters"] = .object(parameters)
        object["usage"] = usage
        object["request_id"] = requestID.map(JSONValue.string)
        object["text"] = replyText.map(JSONValue.string)
        if let failure {
            object["error"] = ["kind": .string(failure.kind), "message": .string(failure.message)]
        }
        object["images"] = .array(images.map(\.json))
        return .object(object)
    }
}
