import Foundation
import LimnImage
import LimnRouter

/// The versioned JSON a saved image carries (PNG iTXt, JPEG XMP, WebP XMP): enough to see
/// and re-run how it was made.
enum RecipeMetadata {
    /// Schema identifier; bump when fields change meaning.
    static let schema = "limn.recipe/1"

    static func json(for object: ImageObject, script: String) -> String {
        var o = JSONObject()
        o["schema"] = .string(schema)
        o["limn_version"] = .string(limnVersion)
        let p = object.provenance
        if let v = p.operation { o["operation"] = .string(v) }
        if let v = p.model { o["model"] = .string(v) }
        if let v = p.route { o["route"] = .string(v.rawValue) }
        if let v = p.prompt { o["prompt"] = .string(v) }
        if let v = p.revisedPrompt { o["revised_prompt"] = .string(v) }
        if !p.parameters.isEmpty { o["parameters"] = .object(p.parameters) }
        if let v = p.shape { o["shape"] = .string(v.rawValue) }
        if let v = p.url { o["source_url"] = .string(v) }
        if let v = p.sourcePath { o["source_path"] = .string(v) }
        o["sha256"] = .string(object.image.sha256)
        if let parent = object.parent {
            var q = JSONObject()
            q["sha256"] = .string(parent.image.sha256)
            if let v = parent.provenance.model { q["model"] = .string(v) }
            if let v = parent.provenance.prompt { q["prompt"] = .string(v) }
            if let v = parent.provenance.sourcePath { q["source_path"] = .string(v) }
            o["parent"] = .object(q)
            var lineage: [JSONValue] = []
            var cursor: ImageObject? = parent
            while let c = cursor, lineage.count < 32 { lineage.append(.string(c.image.sha256)); cursor = c.parent }
            o["lineage"] = .array(lineage)
        }
        o["script"] = .string(script)
        o["created"] = .string(ISO8601DateFormatter().string(from: p.created))
        return String(decoding: JSONValue.object(o).serialized(), as: UTF8.self)
    }
}
