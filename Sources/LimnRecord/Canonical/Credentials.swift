import Foundation
import LimnRouter

/// The credentials a request carries (header, query or body field), found so that a recording can
/// leave them out and scrub any echo of them from what it stores.
///
/// Values shorter than `minimumSecretLength` are dropped from the request like any other key but
/// not scrubbed from bodies: replacing every "abc" in a response would corrupt it.
struct Credentials: Sendable, Equatable {
    /// Request headers that carry keys; never stored.
    static let headerNames: Set<String> = HTTPHeaders.sensitiveNames.union([
        "x-goog-api-key", "x-api-key", "api-key", "openai-api-key", "anthropic-api-key",
    ])
    /// Query parameters that carry keys (`?key=` on Gemini-native paths); removed from the path.
    static let queryNames: Set<String> = ["key", "api_key", "apikey", "api-key", "access_token", "token", "x-goog-api-key"]
    /// Top-level JSON body fields that carry keys; removed from the canonical body.
    static let bodyFields: Set<String> = ["api_key", "apikey", "api-key", "access_token"]
    /// What replaces an echoed key in stored text and bodies.
    static let redaction = "[redacted]"
    /// Shorter values are not scrubbed from bodies (see the type's note).
    static let minimumSecretLength = 8

    /// The key values found, longest first (so a token is scrubbed before a prefix of it).
    private(set) var secrets: [String]

    /// No credentials.
    init() { secrets = [] }

    /// The credentials in `request`'s headers and query.
    init(request: HTTPRequest) {
        var found: [String] = []
        for field in request.headers.fields where Self.headerNames.contains(field.name.lowercased()) {
            found.append(field.value)
            // `Bearer sk-…`, `Basic …`: the token alone too, in case the body echoes only that.
            if let space = field.value.firstIndex(of: " ") {
                found.append(field.value[space...].trimmingCharacters(in: .whitespaces))
            }
        }
        let items = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        for item in items where Self.queryNames.contains(item.name.lowercased()) {
            if let value = item.value { found.append(value) }
        }
        secrets = []
        add(found)
    }

    /// Adds body-field keys found while canonicalizing.
    mutating func add(_ values: [String]) {
        for value in values where value.count >= Self.minimumSecretLength && !secrets.contains(value) {
            secrets.append(value)
        }
        secrets.sort { $0.count > $1.count }
    }

    /// Whether there is anything to scrub.
    var isEmpty: Bool { secrets.isEmpty }

    /// `text` with every key replaced by `[redacted]`.
    func scrub(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        var out = text
        for secret in secrets where out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: Self.redaction)
        }
        return out
    }

    /// `data` with every key's UTF-8 bytes replaced by `[redacted]`.
    func scrub(_ data: Data) -> Data {
        guard !secrets.isEmpty else { return data }
        var out = data
        let replacement = Data(Self.redaction.utf8)
        for secret in secrets {
            let needle = Data(secret.utf8)
            var searchStart = out.startIndex
            while let range = out.range(of: needle, in: searchStart..<out.endIndex) {
                out.replaceSubrange(range, with: replacement)
                searchStart = range.lowerBound + replacement.count
            }
        }
        return out
    }

    /// Whether `data` holds any key.
    func occurs(in data: Data) -> Bool {
        secrets.contains { data.range(of: Data($0.utf8)) != nil }
    }
}
