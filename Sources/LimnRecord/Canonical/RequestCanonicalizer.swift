import Foundation
import LimnImage
import LimnRouter

/// Reduces an `HTTPRequest` to its `CanonicalRequest`, the form record and replay match on.
///
/// What is kept: method; URL path and query (sorted; host, port and scheme are ignored so a
/// recording made against one router replays against any base URL); the content-type family.
/// JSON bodies: keys sorted at every level; top-level `ignoredFields` dropped. Multipart bodies:
/// the boundary dropped, parts sorted by name, file and binary parts named by content hash.
/// Images (data URIs, bare base64, file parts) and strings over `inlineTextLimit` become
/// `@sha256:<hex>.<ext>` tokens. What is removed: every header except the content type, every key
/// (`Authorization`, `x-goog-api-key`, `api-key`, `?key=`, body `api_key`), and any echo of a key
/// inside the body, replaced by `[redacted]`.
public struct RequestCanonicalizer: Sendable {
    /// Top-level fields that vary from run to run without changing the answer: OpenAI's end-user
    /// id and the request ids or idempotency keys some clients add.
    public static let defaultIgnoredFields: Set<String> = ["user", "request_id", "client_request_id", "idempotency_key"]
    /// Longer strings and text bodies are stored as files and matched by hash.
    public static let inlineTextLimit = 4096
    /// Bare base64 shorter than this is never taken for an image.
    static let minimumBase64Image = 256

    /// JSON fields (top level) and multipart parts left out of matching and of the recording.
    public var ignoredFields: Set<String>

    /// A canonicalizer.
    public init(ignoredFields: Set<String> = RequestCanonicalizer.defaultIgnoredFields) {
        self.ignoredFields = ignoredFields
    }

    /// The canonical form of `request`.
    public func canonicalize(_ request: HTTPRequest) -> CanonicalRequest { prepare(request).canonical }

    /// The canonical form, the files its tokens name, and the request's credentials.
    func prepare(_ request: HTTPRequest) -> PreparedRequest {
        var credentials = Credentials(request: request)
        var blobs: [CassetteBlob] = []
        let fullType = request.headers["Content-Type"]
        let media = fullType.map(Self.mediaType)
        let body: CanonicalRequest.Body
        let bytes = request.body  // joined once: each read of `body` joins its pieces again
        if bytes.isEmpty {
            body = .none
        } else if media == "multipart/form-data", let fullType, let form = try? MultipartForm.parse(bytes, contentType: fullType) {
            credentials.add(form.parts.filter { Credentials.bodyFields.contains($0.name.lowercased()) }.map(\.text))
            body = .form(canonicalParts(form.parts, credentials: credentials, blobs: &blobs))
        } else if media?.contains("json") ?? true, let json = try? JSONValue.parse(bytes) {
            body = .json(canonicalJSON(json, credentials: &credentials, blobs: &blobs))
        } else {
            body = .raw(canonicalText(bytes, credentials: credentials, blobs: &blobs))
        }
        let canonical = CanonicalRequest(method: request.method.uppercased(), path: Self.path(of: request.url),
                                         contentType: media, body: body)
        return PreparedRequest(fingerprint: RequestFingerprint(canonical), blobs: blobs, credentials: credentials)
    }

    /// `canonical` with this canonicalizer's ignored fields removed as well: a recording made
    /// when fewer fields were ignored still matches.
    func applyingIgnoredFields(to canonical: CanonicalRequest) -> CanonicalRequest {
        var out = canonical
        switch canonical.body {
        case .json(.object(let object)) where object.keys.contains(where: ignoredFields.contains):
            out.body = .json(.object(JSONObject(object.entries.filter { !ignoredFields.contains($0.key) }.map { ($0.key, $0.value) })))
        case .form(let parts) where parts.contains(where: { ignoredFields.contains($0.name) }):
            out.body = .form(parts.filter { !ignoredFields.contains($0.name) })
        default:
            break
        }
        return out
    }

    /// `application/json; charset=utf-8` → `application/json`.
    static func mediaType(_ contentType: String) -> String {
        let head = contentType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? contentType
        return head.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The percent-encoded path plus the query sorted by name and value, key parameters removed.
    static func path(of url: URL) -> String {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        var path = components?.percentEncodedPath ?? url.path
        if path.isEmpty { path = "/" }
        let items = (components?.percentEncodedQueryItems ?? []).filter { item in
            !Credentials.queryNames.contains((item.name.removingPercentEncoding ?? item.name).lowercased())
        }
        guard !items.isEmpty else { return path }
        let sorted = items.sorted { ($0.name, $0.value ?? "") < ($1.name, $1.value ?? "") }
        return path + "?" + sorted.map { item in item.value.map { "\(item.name)=\($0)" } ?? item.name }.joined(separator: "&")
    }

    private func canonicalJSON(_ json: JSONValue, credentials: inout Credentials, blobs: inout [CassetteBlob]) -> JSONValue {
        guard case .object(let top) = json else { return externalize(json, credentials: credentials, blobs: &blobs) }
        var kept = JSONObject()
        var keys: [String] = []
        for (key, value) in top.entries {
            if Credentials.bodyFields.contains(key.lowercased()) {
                if let key = value.stringValue { keys.append(key) }
                continue
            }
            if ignoredFields.contains(key) { continue }
            kept[key] = value
        }
        credentials.add(keys)
        return externalize(.object(kept), credentials: credentials, blobs: &blobs)
    }

    /// Every string scrubbed of keys; images and long strings swapped for tokens.
    private func externalize(_ value: JSONValue, credentials: Credentials, blobs: inout [CassetteBlob]) -> JSONValue {
        switch value {
        case .string(let s): .string(externalize(string: credentials.scrub(s), blobs: &blobs))
        case .span(let s): .string(externalize(string: credentials.scrub(s.string), blobs: &blobs))
        case .array(let a): .array(a.map { externalize($0, credentials: credentials, blobs: &blobs) })
        case .object(let o):
            // Sorted here, not only when written, so equal requests are equal values.
            .object(JSONObject(o.entries.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                .map { ($0.key, externalize($0.value, credentials: credentials, blobs: &blobs)) }))
        default: value
        }
    }

    private func externalize(string s: String, blobs: inout [CassetteBlob]) -> String {
        // data:image/png;base64,… → data:image/png;base64,@sha256:….png
        if s.hasPrefix("data:"), let comma = s.firstIndex(of: ","), s[..<comma].hasSuffix(";base64"),
           let decoded = Data(base64Encoded: String(s[s.index(after: comma)...])),
           ImageFormat.sniff(decoded) != nil || s.utf8.count > Self.inlineTextLimit {
            return String(s[...comma]) + add(CassetteBlob(data: decoded), to: &blobs)
        }
        if s.utf8.count >= Self.minimumBase64Image, let decoded = Data(base64Encoded: s), ImageFormat.sniff(decoded) != nil {
            return add(CassetteBlob(data: decoded), to: &blobs)
        }
        if s.utf8.count > Self.inlineTextLimit {
            return add(CassetteBlob(data: Data(s.utf8), extension: "txt"), to: &blobs)
        }
        return s
    }

    private func canonicalParts(_ parts: [MultipartForm.Part], credentials: Credentials,
                                blobs: inout [CassetteBlob]) -> [CanonicalRequest.FormPart] {
        let kept = parts.enumerated().filter { !ignoredFields.contains($0.element.name)
            && !Credentials.bodyFields.contains($0.element.name.lowercased()) }
        // Sorted by name; parts of the same name (`image[]`) keep their order, which matters.
        let sorted = kept.sorted { a, b in
            a.element.name == b.element.name ? a.offset < b.offset : a.element.name.utf8.lexicographicallyPrecedes(b.element.name.utf8)
        }
        return sorted.map { _, part in
            var out = CanonicalRequest.FormPart(name: part.name, filename: part.filename, contentType: part.contentType)
            if part.filename == nil, ImageFormat.sniff(part.body) == nil, part.body.count <= Self.inlineTextLimit,
               let text = String(validating: part.body, as: UTF8.self) {
                out.text = credentials.scrub(text)
            } else {
                out.content = add(CassetteBlob(data: credentials.scrub(part.body)), to: &blobs)
            }
            return out
        }
    }

    private func canonicalText(_ body: Data, credentials: Credentials, blobs: inout [CassetteBlob]) -> String {
        let scrubbed = credentials.scrub(body)
        if scrubbed.count <= Self.inlineTextLimit, ImageFormat.sniff(scrubbed) == nil,
           let text = String(validating: scrubbed, as: UTF8.self) {
            return text
        }
        return add(CassetteBlob(data: scrubbed), to: &blobs)
    }

    private func add(_ blob: CassetteBlob, to blobs: inout [CassetteBlob]) -> String {
        if !blobs.contains(where: { $0.name == blob.name }) { blobs.append(blob) }
        return blob.token
    }
}

/// A request canonicalized for recording: the canonical form, the files its tokens name, and
/// the credentials to keep out of everything stored.
struct PreparedRequest: Sendable {
    /// The canonical form, its text and hash.
    let fingerprint: RequestFingerprint
    /// The bodies its `@sha256:` tokens name.
    let blobs: [CassetteBlob]
    /// The request's keys.
    let credentials: Credentials

    /// The canonical form.
    var canonical: CanonicalRequest { fingerprint.canonical }
}
