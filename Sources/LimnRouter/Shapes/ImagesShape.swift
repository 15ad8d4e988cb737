import LimnImage

/// OpenAI Images answers (router-shapes §3, §6.1): `data[]` items with `b64_json` or `url`.
enum ImagesShape {
    static func normalize(_ body: JSONValue, items: [JSONValue], context: ShapeContext) throws(RouterError) -> NormalizedReply {
        let statedFormat = body["output_format"]?.stringValue.flatMap { ImageFormat(mime: $0) }
        var images: [ImageCandidate] = []
        var prompts: [String?] = []
        var sawBytes = false, sawURL = false
        // Counted before any base64 is decoded.
        try context.limits.checkImageCount(items.count { $0["b64_json"] != nil || $0["url"] != nil })
        for (i, item) in items.enumerated() {
            let field = "data[\(i)]"
            let itemFormat = item["mime_type"]?.stringValue.flatMap { ImageFormat(mime: $0) }
            if let b64 = item["b64_json"], b64.isString, b64 != "" {
                let bytes = try Base64Image.decode(b64, field: "\(field).b64_json", context: context)
                images.append(.bytes(bytes, mime: (itemFormat ?? statedFormat ?? ImageFormat.sniff(bytes))?.mime))
                sawBytes = true
            } else if let url = item["url"]?.stringValue, !url.isEmpty {
                if url.hasPrefix("data:") {
                    let analysis = try TextAnalysis.analyze("![](\(url))", field: "\(field).url", limits: context.limits)
                    images += analysis.images
                    sawBytes = true
                } else {
                    images.append(.url(url))
                    sawURL = true
                }
            } else {
                continue
            }
            prompts.append(item["revised_prompt"]?.stringValue)
        }
        return NormalizedReply(shape: sawURL && !sawBytes ? .imagesURL : .imagesB64, images: images, revisedPrompts: prompts,
                               id: body["id"]?.stringValue, model: body["model"]?.stringValue, usage: body["usage"], raw: body)
    }

    /// Fal-style `images[]` with `url` (and `content_type`).
    static func normalizeFal(_ body: JSONValue, items: [JSONValue]) -> NormalizedReply {
        let urls = items.compactMap { $0["url"]?.stringValue }
        return NormalizedReply(shape: .imagesURL, images: urls.map { .url($0) }, revisedPrompts: urls.map { _ in nil }, raw: body)
    }

    /// Imagen `:predict`: `predictions[].bytesBase64Encoded` (Google inline bytes).
    static func normalizeImagen(_ body: JSONValue, items: [JSONValue], context: ShapeContext) throws(RouterError) -> NormalizedReply {
        var images: [ImageCandidate] = []
        try context.limits.checkImageCount(items.count { $0["bytesBase64Encoded"] != nil })
        for (i, item) in items.enumerated() {
            guard let b64 = item["bytesBase64Encoded"], b64.isString else { continue }
            let bytes = try Base64Image.decode(b64, field: "predictions[\(i)].bytesBase64Encoded", context: context)
            images.append(.bytes(bytes, mime: item["mimeType"]?.stringValue ?? ImageFormat.sniff(bytes)?.mime))
        }
        return NormalizedReply(shape: .geminiInline, images: images, revisedPrompts: images.map { _ in nil }, raw: body)
    }
}
