import Foundation
import LimnRouter

/// A request as the fake router received it, for tests to assert what was sent.
public struct RecordedRequest: Sendable {
    /// `GET`, `POST`, …
    public var method: String
    /// The path with its query, e.g. `/v1/images/generations`.
    public var path: String
    /// The header fields in the order received.
    public var headers: HTTPHeaders
    /// The body bytes.
    public var body: Data
    /// The route, when the path is one of the three API routes.
    public var route: Route?
    /// The model the request names (JSON `model`, multipart `model`, or the Gemini path).
    public var model: String?
    /// When it arrived.
    public var receivedAt: Date

    /// A recorded request.
    public init(method: String, path: String, headers: HTTPHeaders, body: Data, route: Route? = nil, model: String? = nil,
                receivedAt: Date = Date()) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.route = route
        self.model = model
        self.receivedAt = receivedAt
    }

    /// The path without its query.
    public var pathOnly: String { path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path }

    /// The body parsed as JSON, when it is JSON.
    public var json: JSONValue? { try? JSONValue.parse(body) }

    /// The body parsed as a multipart form, when it is one (parsed by LimnRouter's strict parser).
    public var multipart: MultipartForm? {
        guard let type = headers["Content-Type"], type.lowercased().hasPrefix("multipart/") else { return nil }
        return try? MultipartForm.parse(body, contentType: type)
    }

    /// Whether `secret` occurs anywhere in the request other than the named header fields:
    /// the path, another header's name or value, or the body.
    public func contains(_ secret: String, outside allowedHeaders: Set<String> = []) -> Bool {
        guard !secret.isEmpty else { return false }
        if path.contains(secret) { return true }
        for field in headers.fields where !allowedHeaders.contains(field.name.lowercased()) {
            if field.name.contains(secret) || field.value.contains(secret) { return true }
        }
        return body.range(of: Data(secret.utf8)) != nil
    }
}
