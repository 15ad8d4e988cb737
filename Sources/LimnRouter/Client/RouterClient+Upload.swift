import Foundation

extension RouterClient {
    /// Input images for a route that takes only URLs (Nano Banana / Seedream `image_input`): any
    /// without a web URL is uploaded to the provider's upload endpoint (router-shapes §1 Uploads).
    /// With no endpoint configured the images are returned as they are, and the request builder
    /// refuses them with an error naming the routes that take inline images.
    func uploadingInputs(_ inputs: [InputImage], model: String) async throws(RouterError) -> [InputImage] {
        guard let path = provider.uploadPath else { return inputs }
        var out = inputs
        for (i, input) in inputs.enumerated() where !(input.sourceURL.map(ImagePayload.isWebURL) ?? false) {
            out[i].sourceURL = try await upload(input, path: path, index: i)
        }
        return out
    }

    /// `POST {base}/{uploadPath}` with multipart `file` and `purpose=model_input`; answers `{"url": …}`.
    func upload(_ input: InputImage, path: String, index: Int) async throws(RouterError) -> String {
        var form = MultipartForm()
        form.append("file", filename: ImagePayload.filename("input-\(index + 1)", input.image), contentType: input.image.format.mime,
                    body: input.image.bytes)
        form.append("purpose", "model_input")
        let boundary = form.stableBoundary()
        var headers: HTTPHeaders = ["Content-Type": MultipartForm.contentType(boundary: boundary)]
        if let key = provider.apiKey { headers["Authorization"] = "Bearer \(key.revealedValue)" }
        let request = HTTPRequest(method: "POST", url: provider.url(for: path), headers: headers, content: form.encodedBody(boundary: boundary),
                                  timeout: builder.defaultTimeout)
        return try await withRetries(policy: retry) { attempt throws(RouterError) -> String in
            emit(.sending(attempt: attempt, method: "POST", url: request.url.absoluteString, route: .images, model: "upload"))
            let response = try await exchange(request)
            let context = ShapeContext(route: .images, operation: .edit, limits: limits, status: response.status,
                                       headers: response.headers, now: Date())
            guard let json = try? JSONValue.parse(response.body, maxDepth: limits.maxJSONDepth) else {
                if BodyKind(response.body, contentType: response.headers["Content-Type"]) == .html {
                    throw ErrorClassifier.fromHTML(response.body, context: context)
                }
                throw (200..<300).contains(response.status)
                    ? context.shapeError("the upload endpoint answered without JSON")
                    : ErrorClassifier.fromText(response.body, context: context)
            }
            if let error = ErrorClassifier.error(in: json, context: context) { throw error }
            guard let url = json["url"]?.stringValue ?? json["data"]?["url"]?.stringValue, ImagePayload.isWebURL(url) else {
                throw context.shapeError("the upload answer has no url (keys \(json.objectValue?.keys.joined(separator: ", ") ?? "none"))")
            }
            emit(.uploaded(url: url))
            return url
        }
    }
}
