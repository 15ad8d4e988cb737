import Foundation
import LimnImage

/// Chat completions (router-shapes §2, §7): string content (text, Markdown images, task text),
/// array content with `image_url` parts (multipart), and `message.images[]` / `message.image`.
enum ChatShape {
    static func normalize(_ body: JSONValue, choices: [JSONValue], context: ShapeContext) throws(RouterError) -> NormalizedReply {
        var texts: [String] = []
        var partImages: [ImageCandidate] = []
        var messageImages: [ImageCandidate] = []
        var sawArrayContent = false
        var finishReason: String?
        for (c, choice) in choices.enumerated() {
            let message = choice["message"] ?? choice["delta"] ?? .null
            finishReason = finishReason ?? choice["finish_reason"]?.stringValue
            let field = "choices[\(c)].message"
            switch message["content"] {
            case .string(let s)?:
                if !s.isEmpty { texts.append(s) }
            case .span(let s)?:
                texts.append(s.string)
            case .array(let parts)?:
                sawArrayContent = true
                for (p, part) in parts.enumerated() {
                    if let text = part["text"]?.stringValue, part["type"]?.stringValue ?? "text" == "text" {
                        texts.append(text)
                    } else if let image = try imagePart(part, field: "\(field).content[\(p)]", context: context) {
                        partImages.append(image)
                    }
                }
            default:
                if let refusal = message["refusal"]?.stringValue { texts.append(refusal) }
            }
            var listed = message["images"]?.arrayValue ?? []
            if listed.isEmpty, let single = message["image"], single != .null { listed = [single] }  // LiteLLM before v1.77
            for (i, item) in listed.enumerated() {
                if let image = try imagePart(item, field: "\(field).images[\(i)]", context: context) { messageImages.append(image) }
            }
        }
        let text = texts.joined(separator: sawArrayContent ? "" : "\n\n")
        var reply = NormalizedReply(shape: .text, text: text, id: body["id"]?.stringValue, model: body["model"]?.stringValue,
                                    finishReason: finishReason, usage: body["usage"], raw: body)
        if !partImages.isEmpty || !messageImages.isEmpty {
            reply.shape = partImages.isEmpty ? .messageImages : .multipart
            reply.images = partImages + messageImages
            // Task blocks can still come with structured images; keep the text as it is.
            reply.task = try TextAnalysis.analyze(text, field: "choices[0].message.content", limits: context.limits).task
        } else {
            let analysis = try TextAnalysis.analyze(text, field: "choices[0].message.content", limits: context.limits)
            reply.text = analysis.text
            reply.images = analysis.images
            reply.task = analysis.task
            reply.shape = analysis.task != nil ? .taskText : (analysis.images.isEmpty ? (sawArrayContent ? .multipart : .text) : .markdownImage)
        }
        reply.revisedPrompts = reply.images.map { _ in nil }
        return reply
    }

    /// An `image_url` part (`{"type":"image_url","image_url":{"url":…}}`, or `image_url` as a bare
    /// string): a data URI, an https URL, or bare base64 (kiwi-team new-api fork, §7.3).
    static func imagePart(_ part: JSONValue, field: String, context: ShapeContext) throws(RouterError) -> ImageCandidate? {
        let url = part["image_url"]?["url"]?.stringValue ?? part["image_url"]?.stringValue ?? part["url"]?.stringValue
        if let url {
            if url.hasPrefix("data:") {
                let analysis = try TextAnalysis.analyze("![](\(url))", field: "\(field).image_url.url", limits: context.limits)
                return analysis.images.first
            }
            if ImagePayload.isWebURL(url) { return .url(url) }
            let bytes = try Base64Image.decode(url, field: "\(field).image_url.url", limits: context.limits)
            return .bytes(bytes, mime: ImageFormat.sniff(bytes)?.mime)
        }
        // One-api style `{inline_data:{mime_type,data}}` items.
        if let inline = part["inline_data"] ?? part["inlineData"], let data = inline["data"], data.isString {
            let bytes = try Base64Image.decode(data, field: "\(field).inline_data.data", context: context)
            return .bytes(bytes, mime: inline["mime_type"]?.stringValue ?? inline["mimeType"]?.stringValue ?? ImageFormat.sniff(bytes)?.mime)
        }
        return nil
    }
}
