import Foundation

/// Classifies a router's answer into one `Shape` and normalizes it into text and image candidates
/// (DESIGN §3, router-shapes §9), or raises the `RouterError` the answer describes.
public struct ResponseNormalizer: Sendable {
    /// Size limits checked before decoding.
    public var limits: RouterLimits

    /// A normalizer.
    public init(limits: RouterLimits = .default) { self.limits = limits }

    /// String members this long (base64 images, in practice) stay spans of the body: their
    /// bytes are decoded from it without a `String` copy (docs/performance.md).
    public static let spanMinimum = 32 * 1024

    /// Normalizes `response` with the default limits.
    public static func normalize(response: HTTPResponse, route: Route, operation: Operation) throws(RouterError) -> NormalizedReply {
        try ResponseNormalizer().normalize(response: response, route: route, operation: operation)
    }

    /// Normalizes `response`; `now` dates `Retry-After` HTTP-dates.
    /// - Throws: the error the body or status describes (`auth`, `rate_limit`, `http`, `api`,
    ///   `timeout`), `shape` for a body we cannot read, `decode` for truncated JSON or bad base64.
    public func normalize(response: HTTPResponse, route: Route, operation: Operation, now: Date = Date()) throws(RouterError) -> NormalizedReply {
        do {
            return try read(response, route: route, operation: operation, now: now)
        } catch {
            // Errors raised deep inside (bad base64, say) learn the exchange they belong to here.
            var filled = error
            filled.status = filled.status ?? response.status
            filled.route = filled.route ?? route
            filled.requestID = filled.requestID ?? ErrorClassifier.requestID(in: response.headers)
            throw filled
        }
    }

    private func read(_ response: HTTPResponse, route: Route, operation: Operation, now: Date) throws(RouterError) -> NormalizedReply {
        let context = ShapeContext(route: route, operation: operation, limits: limits, status: response.status,
                                   headers: response.headers, now: now)
        let body = response.body
        let success = (200..<300).contains(response.status)
        guard body.count <= limits.maxResponseBytes else {
            throw RouterLimits.exceeded("the response is \(body.count) bytes", key: "response_size", limit: limits.maxResponseBytes, bytes: true)
        }
        let contentType = response.headers["Content-Type"]
        switch BodyKind(body, contentType: contentType) {
        case .empty:
            if success { throw context.shapeError("the router answered HTTP \(response.status) with an empty body") }
            throw ErrorClassifier.fromText(body, context: context)
        case .html:
            throw ErrorClassifier.fromHTML(body, context: context)
        case .stream:
            if !success {
                for event in ServerSentEvents.parse(body) {
                    if let json = try? JSONValue.parse(event.data), let error = ErrorClassifier.error(in: json, context: context) { throw error }
                }
                throw ErrorClassifier.fromText(body, context: context)
            }
            return try counted(StreamShape.normalize(body, context: context), context: context)
        case .json, .other:
            let json: JSONValue
            do {
                json = try JSONValue.parse(body, maxDepth: limits.maxJSONDepth, spansFrom: Self.spanMinimum, lifted: response.lifted)
            } catch {
                if error.kind == .tooDeep {
                    throw RouterLimits.exceeded("the response nests arrays and objects more than \(limits.maxJSONDepth) deep (byte \(error.offset))",
                                                key: "json_depth", limit: limits.maxJSONDepth)
                }
                if !success { throw ErrorClassifier.fromText(body, context: context) }
                if error.kind == .truncated {
                    throw RouterError(.decode, "the response body is cut off: \(error)", status: response.status, route: route,
                                      requestID: ErrorClassifier.requestID(in: response.headers), retryable: true)
                }
                throw context.shapeError("the response is not JSON: \(error)")
            }
            if let error = ErrorClassifier.error(in: json, context: context) { throw error }
            return try counted(classify(json, context: context), context: context)
        }
    }

    /// `reply`, or a `limit` error when it carries more images than `limits.images_per_answer`.
    /// Its raw JSON holds decoded base64 members as the decoded bytes, not as slices of the body.
    private func counted(_ reply: NormalizedReply, context: ShapeContext) throws(RouterError) -> NormalizedReply {
        try limits.checkImageCount(reply.images.count)
        var reply = reply
        reply.raw = reply.raw.map(context.decoded.rewrite)
        return reply
    }

    private func classify(_ json: JSONValue, context: ShapeContext) throws(RouterError) -> NormalizedReply {
        if let items = json["data"]?.arrayValue { return try ImagesShape.normalize(json, items: items, context: context) }
        if let choices = json["choices"]?.arrayValue { return try ChatShape.normalize(json, choices: choices, context: context) }
        if let candidates = json["candidates"]?.arrayValue { return try GeminiShape.normalize(json, candidates: candidates, context: context) }
        if json["promptFeedback"] != nil { return try GeminiShape.normalize(json, candidates: [], context: context) }
        if let items = json["predictions"]?.arrayValue { return try ImagesShape.normalizeImagen(json, items: items, context: context) }
        if let items = json["images"]?.arrayValue, items.contains(where: { $0["url"] != nil }) {
            return ImagesShape.normalizeFal(json, items: items)
        }
        if case .array(let chunks) = json, chunks.contains(where: { $0["candidates"] != nil }) {
            // streamGenerateContent without alt=sse: a JSON array of chunks.
            let stream = chunks.map { "data: \($0.jsonText)\n\n" }.joined()
            var reply = try StreamShape.normalize(Data(stream.utf8), context: context)
            reply.raw = json
            return reply
        }
        let keys = json.objectValue.map { "keys " + $0.keys.prefix(8).joined(separator: ", ") } ?? "a JSON \(Self.typeName(json))"
        throw context.shapeError("the response holds no data[], choices[] or candidates[] (found \(keys))")
    }

    private static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .array: "array"
        case .string, .span: "string"
        case .int, .double: "number"
        case .bool: "boolean"
        case .null: "null"
        case .object: "object"
        }
    }
}

/// What a body is, from its content type and first bytes.
enum BodyKind {
    case empty, html, stream, json, other

    init(_ body: Data, contentType: String?) {
        let type = contentType?.lowercased() ?? ""
        let first = body.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        if first == nil {
            self = .empty
        } else if ServerSentEvents.looksLikeStream(body, contentType: contentType) {
            self = .stream
        } else if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            self = .json
        } else if type.contains("html") || first == UInt8(ascii: "<") {
            self = .html
        } else {
            self = .other
        }
    }
}
