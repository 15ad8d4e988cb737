import Foundation
import LimnImage

/// How input images are written into requests.
enum ImagePayload {
    /// Above this size a chat image that came from a URL is passed by URL (Crazyrouter's 20 MB limit).
    static let inlineLimit = 20 << 20

    /// `data:image/png;base64,…`, built with one reservation.
    static func dataURI(_ image: EncodedImage) -> String {
        let prefix = "data:\(image.format.mime);base64,"
        var uri = String()
        uri.reserveCapacity(prefix.utf8.count + (image.bytes.count + 2) / 3 * 4)
        uri += prefix
        uri += image.bytes.base64EncodedString()
        return uri
    }

    /// The URL a chat `image_url` part carries: a data URI (the most reliable form), or the image's
    /// own web URL when it is too large to inline and has one.
    static func chatURL(_ input: InputImage) -> String {
        if input.image.bytes.count > inlineLimit, let url = input.sourceURL, isWebURL(url) { return url }
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
        case .span(let s): return summarize(.string(s.string))
        case .array(let a): return .array(a.map(summarize))
        case .object(let o): return .object(JSONObject(o.entries.map { ($0.key, summarize($0.value)) }))
        default: return value
        }
    }
}
