import Foundation
import LimnImage

/// How input images are written into requests.
enum ImagePayload {
    /// Above this size a chat image that came from a URL is passed by URL (Crazyrouter's 20 MB limit).
    static let inlineLimit = 20 << 20

    /// `data:image/png;base64,…` as a span over the image's bytes: the request body sends it as a
    /// base64 piece, encoded as it streams out (`HTTPBody`).
    static func dataURI(_ image: EncodedImage) -> JSONValue {
        .span(JSONSpan(dataURI: image.format.mime, of: image.bytes))
    }

    /// The URL a chat `image_url` part carries: a data URI (the most reliable form), or the image's
    /// own web URL when it is too large to inline and has one.
    static func chatURL(_ input: InputImage) -> JSONValue {
        if input.image.bytes.count > inlineLimit, let url = input.sourceURL, isWebURL(url) { return .string(url) }
        return dataURI(input.image)
    }

    /// `image.png`, `image-2.jpg`, `mask.png`: a stem plus the extension of the image's real format.
    static func filename(_ stem: String, _ image: EncodedImage) -> String {
        "\(stem).\(image.format.fileExtension)"
    }

    /// Whether `text` is an `http(s)` URL.
    static func isWebURL(_ text: String) -> Bool {
        let lower = text.prefix(8).lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://")
    }

    /// A short stand-in for a large string in the manifest's parameters (no megabytes of base64).
    static func summarize(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let s) where s.utf8.count > 512:
            if s.hasPrefix("data:"), let comma = s.firstIndex(of: ",") {
                return .string("<\(s[s.index(s.startIndex, offsetBy: 5)..<comma]) data URI, \(s.utf8.count) chars>")
            }
            return .string("<\(s.utf8.count) chars>")
        case .span(let s) where s.count > 512:
            // Only the head is read: the span may be megabytes of base64.
            let head = String(decoding: s.prefix(128), as: UTF8.self)
            if head.hasPrefix("data:"), let comma = head.firstIndex(of: ",") {
                return .string("<\(head[head.index(head.startIndex, offsetBy: 5)..<comma]) data URI, \(s.count) chars>")
            }
            return .string("<\(s.count) chars>")
        case .array(let a): return .array(a.map(summarize))
        case .object(let o): return .object(JSONObject(o.entries.map { ($0.key, summarize($0.value)) }))
        default: return value
        }
    }
}
