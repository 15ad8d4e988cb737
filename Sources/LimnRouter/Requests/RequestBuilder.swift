import Foundation

/// A request ready to send, with a key-free summary of what it asks for (for the manifest).
public struct PreparedRequest: Sendable, Equatable {
    /// The HTTP request, `Authorization` included.
    public var request: HTTPRequest
    /// The body's parameters with images summarized (`<image/png data URI, 1234 chars>`); never a key.
    public var parameters: JSONObject

    /// A prepared request.
    public init(request: HTTPRequest, parameters: JSONObject) {
        self.request = request
        self.parameters = parameters
    }
}

/// Turns a `Call` into the HTTP request for one route (DESIGN §3, router-shapes §2–4).
/// Pure: no I/O, so every request can be checked in a test before anything is sent.
public struct RequestBuilder: Sendable {
    /// The deadline used when a call sets no `timeout=` (image models are slow: 10 minutes).
    public var defaultTimeout: Duration

    /// A builder.
    public init(defaultTimeout: Duration = .seconds(600)) {
        self.defaultTimeout = defaultTimeout
    }

    /// Builds the request for `call` on `route` to `provider`.
    /// - Throws: `RouterError` of kind `config` when the call cannot be expressed on that route.
    public static func build(call: Call, route: Route, provider: Provider) throws(RouterError) -> HTTPRequest {
        try RequestBuilder().prepare(call: call, route: route, provider: provider).request
    }

    /// Builds the request and its parameter summary.
    public func prepare(call: Call, route: Route, provider: Provider) throws(RouterError) -> PreparedRequest {
        let body: RequestBody
        let url: URL
        switch route {
        case .images:
            let built = try ImagesRequest(call: call).body()
            body = built.body
            url = provider.url(for: built.endpoint)
        case .chat:
            body = .json(try ChatRequest(call: call).body())
            url = provider.url(for: "chat/completions")
        case .gemini:
            body = .json(try GeminiRequest(call: call).body())
            url = provider.geminiURL(model: call.model)
        }
        var headers = HTTPHeaders()
        let content: HTTPBody
        let parameters: JSONObject
        switch body {
        case .json(let object):
            headers["Content-Type"] = "application/json"
            content = JSONValue.object(object).serializedBody()
            parameters = ImagePayload.summarize(.object(object)).objectValue ?? JSONObject()
        case .multipart(let form):
            let boundary = form.stableBoundary()
            headers["Content-Type"] = MultipartForm.contentType(boundary: boundary)
            content = form.encodedBody(boundary: boundary)
            parameters = Self.summary(of: form)
        }
        if let key = provider.apiKey {
            if route == .gemini {
                headers["x-goog-api-key"] = key.revealedValue
            } else {
                headers["Authorization"] = "Bearer \(key.revealedValue)"
            }
        }
        let request = HTTPRequest(method: "POST", url: url, headers: headers, content: content, timeout: call.timeout ?? defaultTimeout)
        return PreparedRequest(request: request, parameters: parameters)
    }

    /// Text fields as strings and files as `<file image-1.png image/png, 1234 bytes>`.
    static func summary(of form: MultipartForm) -> JSONObject {
        var out = JSONObject()
        for part in form.parts {
            let value: JSONValue
            if let filename = part.filename {
                value = .string("<file \(filename) \(part.contentType ?? "application/octet-stream"), \(part.body.count) bytes>")
            } else {
                value = .string(part.text)
            }
            if case .array(var list)? = out[part.name] {
                list.append(value)
                out[part.name] = .array(list)
            } else if let existing = out[part.name] {
                out[part.name] = .array([existing, value])
            } else {
                out[part.name] = value
            }
        }
        return out
    }

    /// The error for a call a route cannot carry.
    static func configError(_ message: String, _ call: Call, _ route: Route) -> RouterError {
        RouterError(.config, message, model: call.model, route: route)
    }

    /// The error for a mask where the request has no place for one.
    static func maskError(_ call: Call, _ route: Route) -> RouterError {
        configError("a mask is only accepted by /images/edits (gpt-image and dall-e models on the images route); "
                        + "\(call.model) on the \(route.rawValue) route has no mask field", call, route)
    }
}

/// A request body before encoding.
enum RequestBody: Equatable {
    case json(JSONObject)
    case multipart(MultipartForm)
}
