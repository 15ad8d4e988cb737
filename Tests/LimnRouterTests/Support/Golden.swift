import Foundation
import LimnImage
@testable import LimnRouter

/// Normalized replies and errors rendered as JSON, for comparison with `Fixtures/golden/*.golden.json`.
/// Set `LIMN_UPDATE_GOLDEN=1` to rewrite the golden files from the current output (then review the diff).
enum Golden {
    static func render(_ reply: NormalizedReply) throws -> JSONValue {
        var object: JSONObject = ["shape": .string(reply.shape.rawValue), "text": .string(reply.text)]
        object["images"] = .array(try reply.images.map(render))
        object["revisedPrompts"] = .array(reply.revisedPrompts.map { $0.map(JSONValue.string) ?? .null })
        if let task = reply.task {
            object["task"] = ["id": task.id.map(JSONValue.string) ?? .null, "params": task.params ?? .null,
                              "previewURL": task.previewURL.map(JSONValue.string) ?? .null, "links": .array(task.links.map(JSONValue.string))]
        }
        object["id"] = reply.id.map(JSONValue.string) ?? .null
        object["model"] = reply.model.map(JSONValue.string) ?? .null
        object["finishReason"] = reply.finishReason.map(JSONValue.string) ?? .null
        object["usage"] = reply.usage ?? .null
        return .object(object)
    }

    static func render(_ candidate: ImageCandidate) throws -> JSONValue {
        switch candidate {
        case .bytes(let data, let mime):
            return ["bytes": .int(Int64(data.count)), "mime": mime.map(JSONValue.string) ?? .null, "same as": .string(try fixtureName(data))]
        case .url(let url): return ["url": .string(url)]
        case .candidateLink(let url): return ["candidateLink": .string(url)]
        }
    }

    static func render(_ error: RouterError) -> JSONValue {
        var object: JSONObject = ["kind": .string(error.kind.rawValue), "message": .string(error.message), "retryable": .bool(error.retryable)]
        object["status"] = error.status.map { .int(Int64($0)) } ?? .null
        object["requestID"] = error.requestID.map(JSONValue.string) ?? .null
        object["retryAfter"] = error.retryAfter.map(JSONValue.double) ?? .null
        return ["error": .object(object)]
    }

    /// Which image fixture these bytes are, so goldens say `tiny.png` instead of a hash.
    static func fixtureName(_ data: Data) throws -> String {
        for name in ["tiny.png", "tiny.jpg", "tiny.webp", "mask.png"] where try Fixtures.data(name) == data { return name }
        return "unknown \(data.count) bytes"
    }

    /// Compares `actual` with the golden file for `fixture`; returns a description of the difference.
    static func check(_ actual: JSONValue, fixture: String) throws -> String? {
        let name = "golden/" + (fixture as NSString).lastPathComponent + ".golden.json"
        if ProcessInfo.processInfo.environment["LIMN_UPDATE_GOLDEN"] == "1" {
            let url = Fixtures.sourceURL(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.serialized().write(to: url)
            return nil
        }
        let expected = try JSONValue.parse(Fixtures.data(name))
        return expected == actual ? nil : "golden \(name) differs:\nexpected \(expected.jsonText)\nactual   \(actual.jsonText)"
    }
}
