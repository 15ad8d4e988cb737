import Foundation

/// The images route: `images/generations` (JSON) and `images/edits` (multipart).
struct ImagesRequest {
    let call: Call
    let family: ModelFamily

    init(call: Call) {
        self.call = call
        self.family = ModelFamily(model: call.model)
    }

    func body() throws(RouterError) -> (endpoint: String, body: RequestBody) {
        guard let prompt = call.prompt, !prompt.isEmpty else {
            throw RequestBuilder.configError("\(call.operation.rawValue) needs a prompt", call, .images)
        }
        let wantsEdit = call.operation == .edit || !call.images.isEmpty
        if family == .urlInput || !wantsEdit {
            return ("images/generations", .json(try generation(prompt: prompt)))
        }
        return ("images/edits", .multipart(try edit(prompt: prompt)))
    }

    /// The options every images request shares, in the order the OpenAI reference lists them.
    private var options: [(String, JSONValue)] {
        let o = call.options
        var out: [(String, JSONValue)] = []
        if let n = o.n { out.append(("n", .int(Int64(n)))) }
        if let size = o.size { out.append(("size", .string(size))) }
        if let quality = o.quality { out.append(("quality", .string(quality))) }
        if let background = o.background { out.append(("background", .string(background))) }
        if let format = o.format { out.append(("output_format", .string(format))) }
        if let compression = o.compression { out.append(("output_compression", .int(Int64(compression)))) }
        return out
    }

    private func generation(prompt: String) throws(RouterError) -> JSONObject {
        var body: JSONObject = ["model": .string(call.model), "prompt": .string(prompt)]
        if !call.images.isEmpty {
            // Nano Banana / Seedream take references only as URLs (router-shapes §3.4).
            var urls: [JSONValue] = []
            for input in call.images {
                guard let url = input.sourceURL, ImagePayload.isWebURL(url) else {
                    throw RequestBuilder.configError(
                        "\(call.model) on the images route takes input images only as URLs (image_input), and this image has none; "
                            + "configure an upload endpoint for the provider, or use via=\"gemini\" or via=\"chat\", which take inline images",
                        call, .images)
                }
                urls.append(.string(url))
            }
            body["image_input"] = .array(urls)
        }
        if call.mask != nil {
            throw RequestBuilder.maskError(call, .images)
        }
        for (k, v) in options { body[k] = v }
        body.deepMerge(call.extra)
        if family == .gptImage { body["response_format"] = nil }  // rejected by several routers (router-shapes §10.5)
        return body
    }

    private func edit(prompt: String) throws(RouterError) -> MultipartForm {
        guard !call.images.isEmpty else {
            throw RequestBuilder.configError("edit needs at least one input image", call, .images)
        }
        var form = MultipartForm()
        form.append("model", call.model)
        form.append("prompt", prompt)
        if call.images.count == 1 {
            let image = call.images[0].image
            form.append("image", filename: ImagePayload.filename("image", image), contentType: image.format.mime, body: image.bytes)
        } else {
            // The OpenAI SDK's array form (router-shapes §6.2); Crazyrouter prefers it too (§3.1).
            for (i, input) in call.images.enumerated() {
                form.append("image[]", filename: ImagePayload.filename("image-\(i + 1)", input.image),
                            contentType: input.image.format.mime, body: input.image.bytes)
            }
        }
        if let mask = call.mask?.image {
            form.append("mask", filename: ImagePayload.filename("mask", mask), contentType: mask.format.mime, body: mask.bytes)
        }
        for (k, v) in options { form.append(k, Self.formText(v)) }
        if let fidelity = call.options.fidelity { form.append("input_fidelity", fidelity) }
        for (key, value) in call.extra.entries {
            form.parts.removeAll { $0.name == key && $0.filename == nil }
            if value != .null { form.append(key, Self.formText(value)) }
        }
        if family == .gptImage { form.parts.removeAll { $0.name == "response_format" } }
        return form
    }

    /// A JSON value as a form field: strings bare, numbers and booleans as literals, the rest as JSON.
    static func formText(_ value: JSONValue) -> String {
        if value.isString, let s = value.stringValue { return s }
        return value.jsonText
    }
}
