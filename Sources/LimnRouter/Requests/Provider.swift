import Foundation

/// A router to send calls to: its base URL (with `/v1`), key and optional upload endpoint.
public struct Provider: Sendable, Equatable {
    /// A name for messages and config (`crazyrouter`, `offline`, …).
    public var name: String
    /// The OpenAI-style base URL including `/v1`, e.g. `https://api.crazyrouter.com/v1`.
    public var baseURL: URL
    /// The key, sent as `Authorization: Bearer` (or `x-goog-api-key` on the gemini route) when present.
    public var apiKey: Secret?
    /// Path of an upload endpoint relative to the base (`files/uploads`), for routes that take only URLs.
    public var uploadPath: String?

    /// A provider.
    public init(name: String, baseURL: URL, apiKey: Secret? = nil, uploadPath: String? = nil) {
        self.name = name
        self.baseURL = baseURL
        self.apiKey = apiKey?.isEmpty == true ? nil : apiKey
        self.uploadPath = uploadPath
    }

    /// The host calls go to (lowercased), for deciding whether a download may carry the key.
    public var host: String? { baseURL.host?.lowercased() }

    /// The base path without trailing slashes.
    private var basePath: String {
        var path = URLComponents(url: baseURL, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? baseURL.path
        while path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// The URL for an OpenAI-style endpoint such as `images/generations`. A leading `/` or `/v1/`
    /// in `endpoint` is dropped so the version never doubles (`/v1/v1/…`); a base with no path gets `/v1`.
    public func url(for endpoint: String) -> URL {
        var relative = Substring(endpoint)
        while relative.hasPrefix("/") { relative = relative.dropFirst() }
        var path = basePath
        if path.isEmpty { path = "/v1" }
        if relative.hasPrefix("v1/"), path.hasSuffix("/v1") { relative = relative.dropFirst(3) }
        return replacingPath(with: path + "/" + relative)
    }

    /// The URL for a native Gemini method: the same host with `/v1beta` in place of `/v1`,
    /// e.g. `…/v1beta/models/nano-banana-2:generateContent`.
    public func geminiURL(model: String, method: String = "generateContent") -> URL {
        var root = basePath
        for suffix in ["/v1beta", "/v1"] where root.hasSuffix(suffix) {
            root.removeLast(suffix.count)
            break
        }
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/:?#"))
        let name = model.addingPercentEncoding(withAllowedCharacters: allowed) ?? model
        return replacingPath(with: root + "/v1beta/models/\(name):\(method)")
    }

    private func replacingPath(with path: String) -> URL {
        guard var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) else { return baseURL }
        components.percentEncodedPath = path
        components.query = nil
        components.fragment = nil
        return components.url ?? baseURL
    }
}
