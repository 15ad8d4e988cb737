import Foundation
import LimnImage

/// Native Gemini answers (router-shapes §4): `candidates[].content.parts[]` with `inlineData` /
/// `inline_data` images (G1, G2), Markdown images in `text` parts (G3, G4), thought parts.
enum GeminiShape {
    static func normalize(_ body: JSONValue, candidates: [JSONValue], context: ShapeContext) throws(RouterError) -> NormalizedReply {
        var texts: [String] = []
        var finalImages: [ImageCandidate] = []
        var thoughtImages: [ImageCandidate] = []
        var finishReason: String?
        for (c, candidate) in candidates.enumerated() {
            finishReason = finishReason ?? candidate["finishReason"]?.stringValue ?? candidate["finish_reason"]?.stringValue
            for (p, part) in (candidate["content"]?["parts"]?.arrayValue ?? []).enumerated() {
                let isThought = part["thought"] == .bool(true)
                let field = "candidates[\(c)].content.parts[\(p)]"
                if let image = try inlineImage(part, field: field, context: context) {
                    if isThought { thoughtImages.append(image) } else { finalImages.append(image) }
                } else if let text = part["text"]?.stringValue, !isThought {
                    texts.append(text)
                }
            }
        }
        // Thought images are interim renders: only when nothing else came back are they better than none.
        let inline = finalImages.isEmpty ? thoughtImages : finalImages
        let text = texts.joined()
        var reply = NormalizedReply(shape: .geminiInline, text: text, id: body["responseId"]?.stringValue,
                                    model: body["modelVersion"]?.stringValue, finishReason: finishReason,
                                    usage: body["usageMetadata"], raw: body)
        if candidates.isEmpty, let blocked = body["promptFeedback"]?["blockReason"]?.stringValue {
            reply.finishReason = blocked
        }
        let analysis = try TextAnalysis.analyze(text, field: "candidates[0].content.parts[].text", limits: context.limits)
        if !inline.isEmpty {
            reply.images = inline
            reply.text = analysis.text
        } else {
            reply.images = analysis.images
            reply.text = analysis.text
            reply.task = analysis.task
            reply.shape = analysis.images.isEmpty ? .text : .geminiText
        }
        reply.revisedPrompts = reply.images.map { _ in nil }
        return reply
    }

    /// `inlineData{mimeType,data}` or `inline_data{mime_type,data}`; `fileData{fileUri}` as a URL.
    static func inlineImage(_ part: JSONValue, field: String, context: ShapeContext) throws(RouterError) -> ImageCandidate? {
        if let inline = part["inlineData"] ?? part["inline_data"], inline != .null {
            let mime = inline["mimeType"]?.stringValue ?? inline["mime_type"]?.stringValue
            guard mime.map({ $0.hasPrefix("image/") }) ?? true else { return nil }
            guard let data = inline["data"], data.isString else { return nil }
            let key = part["inlineData"] != nil ? "inlineData" : "inline_data"
            let bytes = try Base64Image.decode(data, field: "\(field).\(key).data", context: context)
            return .bytes(bytes, mime: mime ?? ImageFormat.sniff(bytes)?.mime)
        }
        if let file = part["fileData"] ?? part["file_data"], let uri = file["fileUri"]?.stringValue ?? file["file_uri"]?.stringValue,
           ImagePayload.isWebURL(uri) {
            return .url(uri)
        }
        return nil
    }
}
