import Foundation
import LimnRouter

/// The JSON objects a manifest is made of. Key order is fixed so a manifest reads the same way
/// every time: what was asked, how it went, what came back.
enum ManifestLine {
    /// A call's line.
    static func call(_ s: CallSummary, sequence: Int) -> JSONObject {
        var line: JSONObject = [
            "event": "call", "seq": .int(Int64(sequence)),
            "operation": .string(s.operation.rawValue), "model": .string(s.model),
        ]
        line["route"] = s.route.map { .string($0.rawValue) } ?? .null
        line["prompt"] = s.prompt.map(JSONValue.string) ?? .null
        line["parameters"] = .object(s.parameters)
        line["shape"] = s.shape.map { .string($0.rawValue) } ?? .null
        line["status"] = s.status.map { .int(Int64($0)) } ?? .null
        line["started"] = .string(Timestamp.iso8601(s.started))
        line["elapsed_ms"] = .int(s.elapsedMilliseconds)
        line["retries"] = .int(Int64(s.retries))
        line["usage"] = s.usage ?? .null
        line["request_id"] = s.requestID.map(JSONValue.string) ?? .null
        line["error"] = s.failure.map { ["kind": .string($0.kind), "message": .string($0.message)] } ?? .null
        line["parent"] = s.parentSHA256.map(JSONValue.string) ?? .null
        line["images"] = .array(s.images.enumerated().map { index, received in
            var image: JSONObject = [
                "index": .int(Int64(index)), "sha256": .string(received.image.sha256),
                "format": .string(received.image.format.rawValue),
                "width": .int(Int64(received.image.width)), "height": .int(Int64(received.image.height)),
                "bytes": .int(Int64(received.image.bytes.count)), "shape": .string(received.shape.rawValue),
            ]
            image["revised_prompt"] = received.revisedPrompt.map { .string(SecretScrubber.scrub($0)) }
            image["url"] = received.url.map { .string(SecretScrubber.scrub($0)) }
            return .object(image)
        })
        return line
    }

    /// A save's line.
    static func saved(sha256: String, path: String, savedSHA256: String?, format: String?) -> JSONObject {
        var line: JSONObject = ["event": "saved", "sha256": .string(sha256), "path": .string(path)]
        line["saved_sha256"] = savedSHA256.map(JSONValue.string)
        line["format"] = format.map(JSONValue.string)
        return line
    }
}
