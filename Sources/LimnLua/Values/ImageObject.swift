import Foundation
import LimnImage
import LimnRouter

/// Where an Image came from: what the script and the saved file's metadata can tell.
struct ImageProvenance {
    var operation: String?
    var model: String?
    var route: Route?
    var prompt: String?
    var revisedPrompt: String?
    var shape: Shape?
    var url: String?
    var sourcePath: String?
    /// The request parameters as sent (key-free), for the metadata chunk.
    var parameters: JSONObject = JSONObject()
    /// When the image was received or loaded.
    var created = Date()
}

/// The Swift object behind an `Image` userdata. Immutable; Lua holds one retain.
final class ImageObject {
    let image: EncodedImage
    let provenance: ImageProvenance
    /// The image an edit started from.
    let parent: ImageObject?

    init(image: EncodedImage, provenance: ImageProvenance, parent: ImageObject? = nil) {
        self.image = image
        self.provenance = provenance
        self.parent = parent
    }

    /// `Image(png 1024x1024, 1.3 MB, sha256:1a2b3c4d)`
    var summary: String {
        "Image(\(image.format.rawValue) \(image.width)x\(image.height), \(ByteCount.format(image.bytes.count)), sha256:\(image.sha256.prefix(8)))"
    }
}

/// Human-readable byte counts.
enum ByteCount {
    static func format(_ n: Int) -> String {
        if n < 1000 { return "\(n) B" }
        if n < 1_000_000 { return String(format: "%.1f KB", Double(n) / 1000) }
        return String(format: "%.1f MB", Double(n) / 1_000_000)
    }
}
