import Foundation

/// Checks and normalizes a base URL from the environment or a file to the OpenAI-style base
/// ending in `/v1` (DESIGN §4): `/v1` is added when missing, a doubled `/v1/v1` is collapsed and
/// a pasted endpoint (`…/v1/chat/completions`) or Gemini base (`…/v1beta`) is cut back, each
/// with a warning. Credentials, queries and fragments are refused and never echoed, since a key
/// may be hiding there.
struct BaseURL: Equatable {
    /// The normalized URL.
    var url: URL
    /// What was changed silently (`/v1 added`).
    var note: String?
    /// What was changed that the user should fix.
    var warnings: [ConfigWarning]

    private static let endpoints: [[String]] = [
        ["chat", "completions"], ["images", "generations"], ["images", "edits"], ["files", "uploads"], ["models"],
    ]

    /// Normalizes `raw`, naming `setting` (`LIMN_BASE_URL`, `base_url`) in messages.
    init(_ raw: String, setting: String, source: ConfigSource, key: String? = nil) throws(ConfigError) {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        func fail(_ message: String) -> ConfigError {
            ConfigError(.invalidValue, "\(setting) \(message)", source: source, key: key)
        }
        guard !text.isEmpty else { throw fail("is empty; set it to the router's base URL, such as https://api.crazyrouter.com/v1") }
        guard text.contains("://"), let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw fail("is not a URL with a scheme; write it in full, such as https://api.crazyrouter.com/v1")
        }
        guard scheme == "https" || scheme == "http" else { throw fail("must start with https:// or http://") }
        guard let host = components.host, !host.isEmpty else { throw fail("has no host") }
        guard components.user == nil, components.password == nil else {
            throw fail("must not carry credentials (user:password@); put the key in LIMN_API_KEY or api_key_env")
        }
        guard components.query == nil, components.fragment == nil else {
            throw fail("must not carry a query or fragment (?…, #…); a key in the URL would be sent and logged — use LIMN_API_KEY")
        }

        var parts = components.percentEncodedPath.split(separator: "/").map(String.init)
        var warnings: [ConfigWarning] = []
        var note: String?
        let original = parts.isEmpty ? "" : "/" + parts.joined(separator: "/")
        if let endpoint = Self.endpoints.first(where: { parts.count > $0.count && Array(parts.suffix($0.count)) == $0 }) {
            parts.removeLast(endpoint.count)
            warnings.append(ConfigWarning("\(setting) ends in the endpoint /\(endpoint.joined(separator: "/")); the base URL stops before it", source: source))
        }
        var collapsed: [String] = []
        for part in parts where !(part == "v1" && collapsed.last == "v1") { collapsed.append(part) }
        if collapsed.count != parts.count {
            warnings.append(ConfigWarning("\(setting) has a doubled /v1/v1 (\(original)); using a single /v1", source: source))
            parts = collapsed
        }
        if parts.last == "v1beta" {
            parts[parts.count - 1] = "v1"
            warnings.append(ConfigWarning("\(setting) ends in /v1beta, the Gemini path; the base URL is the OpenAI one ending in /v1 (the gemini route derives /v1beta from it)", source: source))
        }
        if !(parts.last.map(Self.isVersion) ?? false) {
            parts.append("v1")
            note = "/v1 added"
        }

        var rebuilt = URLComponents()
        rebuilt.scheme = scheme
        rebuilt.host = host.lowercased()
        rebuilt.port = components.port
        rebuilt.percentEncodedPath = "/" + parts.joined(separator: "/")
        guard let url = rebuilt.url else { throw fail("could not be parsed") }
        self.url = url
        self.note = note
        self.warnings = warnings
    }

    /// `v1`, `v2`, `v1alpha`: a version component that ends an OpenAI-style base.
    private static func isVersion(_ part: String) -> Bool {
        guard part.hasPrefix("v"), part != "v1beta" else { return false }
        let rest = part.dropFirst()
        return rest.first?.isNumber == true
    }

    /// Whether `url` goes to this machine or a reserved never-resolving name, where plain HTTP is fine.
    static func isLocal(_ url: URL) -> Bool {
        guard let host = url.host?.lowercased() else { return false }
        return host == "localhost" || host == "127.0.0.1" || host == "::1" || host == "[::1]"
            || host.hasSuffix(".localhost") || host.hasSuffix(".invalid") || host.hasPrefix("127.")
    }
}
