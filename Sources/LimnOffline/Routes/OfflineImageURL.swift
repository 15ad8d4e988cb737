import Foundation
import LimnImage
import LimnRouter

/// Image URLs for `response_format: "url"` answers (DALL-E's default), served by the offline router
/// itself on GET.
///
/// The URL carries the whole generation request (prompt, size, index, format, quality, background)
/// as base64url JSON, so serving it needs no stored state and gives the same bytes every time.
enum OfflineImageURL {
    /// The path every offline image URL starts with, below the base URL's host.
    static let pathPrefix = "/v1/offline/images/"

    /// The longest token put in a URL; longer prompts fall back to `b64_json`.
    static let maxTokenLength = 6000

    /// The URL for image `index` of a generation, or nil when the request is too long to carry.
    static func url(prompt: String, options: ImageRequestOptions, index: Int, base: URL) -> String? {
        let size = options.size ?? (1024, 1024)
        var spec: JSONObject = ["p": .string(prompt), "w": .int(Int64(size.width)), "h": .int(Int64(size.height)),
                                "i": .int(Int64(index)), "f": .string(options.format.rawValue)]
        if let q = options.quality { spec["q"] = .int(Int64(q)) }
        if options.transparent { spec["t"] = true }
        let token = spec.serialized().base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        guard token.count <= maxTokenLength else { return nil }
        let scheme = base.scheme ?? "http", host = base.host ?? "offline.limn.invalid"
        let port = base.port.map { ":\($0)" } ?? ""
        return "\(scheme)://\(host)\(port)\(pathPrefix)\(token).\(options.format.fileExtension)"
    }

    /// Serves `GET …/v1/offline/images/{token}.{ext}`: the image bytes, or nil when the path is not one.
    static func serve(path: String) throws -> HTTPResponse? {
        guard let range = path.range(of: pathPrefix) else { return nil }
        var token = String(path[range.upperBound...])
        if let dot = token.lastIndex(of: ".") { token = String(token[..<dot]) }
        token = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        token += String(repeating: "=", count: (4 - token.count % 4) % 4)
        guard let data = Data(base64Encoded: token), let spec = try? JSONValue.parse(data),
              let prompt = spec["p"]?.stringValue, let w = spec["w"]?.intValue, let h = spec["h"]?.intValue,
              (1...ImageRequestOptions.maxSide).contains(w), (1...ImageRequestOptions.maxSide).contains(h),
              let index = spec["i"]?.intValue, let format = spec["f"]?.stringValue.flatMap(ImageFormat.init(mime:)) else {
            return nil
        }
        var options = ImageRequestOptions()
        options.size = (w, h)
        options.format = format
        options.quality = spec["q"]?.intValue
        options.transparent = spec["t"]?.boolValue ?? false
        let image = try OfflineImaging.generate(prompt: prompt, options: options, index: index)
        return HTTPResponse(status: 200, headers: [
            "Content-Type": image.mime,
            "Content-Length": String(image.bytes.count),
            "x-limn-provider": "offline",
        ], body: image.bytes)
    }
}
