import Foundation
import LimnRouter

/// Limn's built-in offline provider: an in-process router behind `Transport`.
///
/// It answers the requests a real router would (`images/generations`, `images/edits`,
/// `chat/completions`, Gemini `generateContent`) in the same wire shapes, with real images drawn
/// deterministically from the prompt and real pixel edits, so every request and response takes
/// the same path through Limn as in production. Anything else gets an OpenAI-style 404.
public struct OfflineRouter: Transport {
    /// The base URL the CLI uses for the offline provider.
    public static let baseURLString = "http://offline.limn.invalid/v1"

    /// `baseURLString` as a URL.
    public static var baseURL: URL {
        // The literal is a valid URL; the fallback only satisfies the type checker.
        URL(string: baseURLString) ?? URL(fileURLWithPath: "/")
    }

    /// The provider value for the offline router (no key).
    public static var provider: Provider { Provider(name: "offline", baseURL: baseURL) }

    private let clock: @Sendable () -> Int

    /// An offline router. `clock` gives the `created` timestamp in responses (seconds since 1970);
    /// pass a constant for byte-identical responses.
    public init(clock: @escaping @Sendable () -> Int = { Int(Date().timeIntervalSince1970) }) {
        self.clock = clock
    }

    /// Answers `request`, or throws `TransportError(.cancelled)` when the task is cancelled.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try OfflineImaging.checkCancellation()
        do {
            return try await route(request)
        } catch let failure as OfflineFailure {
            return failure.response
        }
    }

    private func route(_ request: HTTPRequest) async throws -> HTTPResponse {
        let path = request.url.path
        let method = request.method.uppercased()
        if method == "POST" {
            if path.hasSuffix("/v1/images/generations") { return try await ImagesEndpoint.generations(request, created: clock()) }
            if path.hasSuffix("/v1/images/edits") { return try await ImagesEndpoint.edits(request, created: clock()) }
            if path.hasSuffix("/v1/chat/completions") { return try ChatEndpoint.completions(request, created: clock()) }
            if let model = Self.geminiModel(path) { return try GeminiEndpoint.generateContent(request, model: model) }
        }
        if method == "GET", let image = try OfflineImageURL.serve(path: path) { return image }
        throw OfflineFailure(status: 404, "The offline provider has no route for \(method) \(path). It answers POST "
            + "/v1/images/generations, /v1/images/edits, /v1/chat/completions and /v1beta/models/{model}:generateContent.",
            code: "not_found")
    }

    /// The model of a `/v1beta/models/{model}:generateContent` path.
    static func geminiModel(_ path: String) -> String? {
        guard let range = path.range(of: "/v1beta/models/"), path.hasSuffix(":generateContent") else { return nil }
        let model = path[range.upperBound...].dropLast(":generateContent".count)
        return model.isEmpty || model.contains("/") ? nil : String(model)
    }
}
