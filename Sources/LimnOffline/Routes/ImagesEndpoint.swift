import Foundation
import LimnImage
import LimnRouter

/// `POST /v1/images/generations` (JSON) and `POST /v1/images/edits` (multipart), answered in the
/// OpenAI gpt-image shape: `data[].b64_json` plus `revised_prompt`, `output_format`, `size`, `usage`.
enum ImagesEndpoint {
    static func generations(_ request: HTTPRequest, created: Int) async throws -> HTTPResponse {
        let body = try RequestBody.jsonObject(request.body)
        guard let prompt = body["prompt"]?.stringValue, !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw OfflineFailure.missing("prompt")
        }
        let options = try ImageRequestOptions { RequestBody.text(body[$0]) }
        let revised = "\(prompt) (drawn offline as \(OfflineImaging.summary(prompt: prompt)))"
        // DALL-E answers with URLs unless asked for base64 (router-shapes: I-url); GPT image models never do.
        let model = body["model"]?.stringValue ?? ""
        let wantsURL = (body["response_format"]?.stringValue ?? (model.hasPrefix("dall-e") ? "url" : "b64_json")) == "url"
        if wantsURL {
            let urls = (0..<options.count).compactMap {
                OfflineImageURL.url(prompt: prompt, options: options, index: $0, base: request.url)
            }
            if urls.count == options.count {
                return urlResponse(urls, revisedPrompt: revised, created: created)
            }
        }
        let images = try await OfflineImaging.each(options.count) { index in
            try OfflineImaging.generate(prompt: prompt, options: options, index: index)
        }
        return response(images, revisedPrompt: revised, prompt: prompt, inputImages: 0, options: options, created: created)
    }

    /// The DALL-E shape: `data[].url`, no usage.
    private static func urlResponse(_ urls: [String], revisedPrompt: String, created: Int) -> HTTPResponse {
        OfflineResponse.json([
            "created": .int(Int64(created)),
            "data": .array(urls.map { ["url": .string($0), "revised_prompt": .string(revisedPrompt)] }),
        ])
    }

    static func edits(_ request: HTTPRequest, created: Int) async throws -> HTTPResponse {
        let contentType = request.headers["Content-Type"] ?? ""
        guard contentType.lowercased().hasPrefix("multipart/form-data") else {
            throw OfflineFailure.badRequest("images/edits expects a multipart/form-data body, got '\(contentType)'.",
                                            code: "invalid_content_type")
        }
        let form: MultipartForm
        do {
            form = try MultipartForm.parse(request.body, contentType: contentType)
        } catch {
            throw OfflineFailure.badRequest("Could not parse the multipart body: \(error.message).", code: "invalid_multipart")
        }
        guard let prompt = form.value("prompt"), !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw OfflineFailure.missing("prompt")
        }
        let imageParts = form.parts.filter { $0.name == "image" || $0.name.hasPrefix("image[") }
        guard !imageParts.isEmpty else { throw OfflineFailure.missing("image") }
        guard imageParts.count <= 16 else {
            throw OfflineFailure.badRequest("Too many images: \(imageParts.count) (at most 16).", param: "image")
        }
        var inputs: [PixelBuffer] = []
        for part in imageParts {
            inputs.append(try OfflineImaging.decode(part.body, param: part.name))
            try OfflineImaging.checkCancellation()
        }
        let mask = try form.parts(named: "mask").first.map { part throws(OfflineFailure) in
            try OfflineImaging.decode(part.body, param: "mask")
        }
        let options = try ImageRequestOptions { name in
            form.parts.first { $0.name == name && $0.filename == nil }?.text
        }
        let images = try await OfflineImaging.each(options.count) { [inputs] index in
            try OfflineImaging.edit(inputs, mask: mask, prompt: prompt, options: options, index: index)
        }
        let revised = "\(prompt) (edited offline: \(EditEffect(prompt: prompt).title))"
        return response(images, revisedPrompt: revised, prompt: prompt, inputImages: inputs.count, options: options, created: created)
    }

    private static func response(_ images: [EncodedImage], revisedPrompt: String, prompt: String, inputImages: Int,
                                 options: ImageRequestOptions, created: Int) -> HTTPResponse {
        let data: [JSONValue] = images.map { image in
            ["b64_json": .string(image.bytes.base64EncodedString()), "revised_prompt": .string(revisedPrompt)]
        }
        let first = images.first
        let textTokens = OfflineResponse.tokens(prompt), imageInTokens = inputImages * 323
        let outTokens = images.reduce(0) { $0 + OfflineResponse.imageTokens(width: $1.width, height: $1.height) }
        let usage: JSONValue = [
            "input_tokens": .int(Int64(textTokens + imageInTokens)),
            "input_tokens_details": ["text_tokens": .int(Int64(textTokens)), "image_tokens": .int(Int64(imageInTokens))],
            "output_tokens": .int(Int64(outTokens)),
            "total_tokens": .int(Int64(textTokens + imageInTokens + outTokens)),
        ]
        return OfflineResponse.json([
            "created": .int(Int64(created)),
            "data": .array(data),
            "background": .string(options.transparent ? "transparent" : "opaque"),
            "output_format": .string(options.format.rawValue),
            "quality": .string(options.qualityName),
            "size": .string("\(first?.width ?? 0)x\(first?.height ?? 0)"),
            "usage": usage,
        ])
    }
}

/// Reading request bodies.
enum RequestBody {
    /// The body as a JSON object, or a 400 saying why not.
    static func jsonObject(_ data: Data) throws(OfflineFailure) -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONValue.parse(data)
        } catch {
            throw .badRequest("We could not parse the JSON body of your request: \(error.description).", code: "invalid_json")
        }
        guard let object = value.objectValue else {
            throw .badRequest("The request body must be a JSON object.", code: "invalid_json")
        }
        return object
    }

    /// A JSON member as form-style text: strings bare, numbers and booleans as literals; nil for null.
    static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let s)?: s
        case .int(let i)?: String(i)
        case .double(let d)?: d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .bool(let b)?: String(b)
        default: nil
        }
    }
}
