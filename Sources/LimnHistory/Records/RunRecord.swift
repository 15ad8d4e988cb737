import Foundation
import LimnRouter

/// A recorded run.
public struct RunRecord: Sendable, Equatable {
    /// Its id.
    public var id: RunID
    /// What was known when it began.
    public var info: RunInfo
    /// When it finished; nil while running (or after a kill).
    public var finished: Date?
    /// How it ended.
    public var outcome: RunOutcome

    /// The record as JSON, for `limn history --json`.
    public var json: JSONValue {
        var object: JSONObject = ["id": .int(id.rawValue), "started": .string(Timestamp.iso8601(info.started))]
        object["finished"] = finished.map { .string(Timestamp.iso8601($0)) }
        object["outcome"] = .string(outcome.rawValue)
        object["script"] = info.scriptPath.map(JSONValue.string)
        object["script_sha256"] = info.scriptSHA256.map(JSONValue.string)
        object["args"] = .array(info.arguments.map(JSONValue.string))
        object["provider"] = .string(info.provider)
        object["host"] = info.baseURLHost.map(JSONValue.string)
        object["limn_version"] = .string(info.limnVersion)
        return .object(object)
    }
}
