import Foundation
import LimnImage
import LimnRouter

/// One image a recorded call received, as the history holds it.
public struct CallImageRecord: Sendable, Equatable {
    /// Position in the call's results, from 0.
    public var index: Int
    /// The image's SHA-256 (hex).
    public var sha256: String
    /// Its format.
    public var format: ImageFormat
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// Size in bytes.
    public var byteCount: Int
    /// The file in the image store.
    public var storeURL: URL
    /// How it arrived.
    public var shape: Shape?
    /// The router's revised prompt.
    public var revisedPrompt: String?
    /// The URL it was downloaded from.
    public var url: String?
    /// The image an edit started from.
    public var parentSHA256: String?
    /// When this image was first recorded by any call.
    public var firstSeen: Date
    /// Where scripts saved this image, oldest first.
    public var savedPaths: [String]

    /// The record as JSON, for `limn history --json`.
    public var json: JSONValue {
        var object: JSONObject = [
            "index": .int(Int64(index)), "sha256": .string(sha256), "format": .string(format.rawValue),
            "width": .int(Int64(width)), "height": .int(Int64(height)), "bytes": .int(Int64(byteCount)),
            "path": .string(storeURL.path),
        ]
        object["shape"] = shape.map { .string($0.rawValue) }
        object["revised_prompt"] = revisedPrompt.map(JSONValue.string)
        object["url"] = url.map(JSONValue.string)
        object["parent"] = parentSHA256.map(JSONValue.string)
        object["first_seen"] = .string(Timestamp.iso8601(firstSeen))
        object["saved"] = .array(savedPaths.map(JSONValue.string))
        return .object(object)
    }
}
