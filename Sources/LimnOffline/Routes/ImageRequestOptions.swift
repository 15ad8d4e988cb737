import Foundation
import LimnImage
import LimnRouter

/// The image options shared by the images, chat and gemini routes, validated.
struct ImageRequestOptions: Sendable {
    /// Output size in pixels; nil means "the input image's size, else 1024×1024".
    var size: (width: Int, height: Int)?
    var count = 1
    var format: ImageFormat = .png
    var quality: Int?
    var transparent = false
    var qualityName = "high"

    /// The largest side the offline provider draws.
    static let maxSide = 4096

    /// Reads the OpenAI images parameters from `value(name)` (JSON members or form fields as text).
    init(_ value: (String) -> String?) throws(OfflineFailure) {
        if let size = value("size") { self.size = try Self.parseSize(size) }
        if let n = value("n") {
            guard let count = Int(n.trimmingCharacters(in: .whitespaces)), (1...10).contains(count) else {
                throw .badRequest("Invalid value for 'n': expected an integer from 1 to 10, got '\(n)'.", param: "n")
            }
            self.count = count
        }
        if let name = value("output_format") {
            guard let format = ImageFormat(mime: name), format != .gif else {
                throw .badRequest("Invalid value for 'output_format': '\(name)'. Supported values are: 'png', 'jpeg' and 'webp'.",
                                  param: "output_format")
            }
            self.format = format
        }
        if let compression = value("output_compression") {
            guard let q = Int(compression), (0...100).contains(q) else {
                throw .badRequest("Invalid value for 'output_compression': expected 0 to 100, got '\(compression)'.",
                                  param: "output_compression")
            }
            quality = max(1, q)
        }
        if let background = value("background") {
            switch background {
            case "transparent": transparent = true
            case "opaque", "auto": transparent = false
            default:
                throw .badRequest("Invalid value for 'background': '\(background)'. Supported values are: 'transparent', 'opaque' and 'auto'.",
                                  param: "background")
            }
        }
        if transparent && format == .jpeg {
            throw .badRequest("Transparent background is not supported for the jpeg output format; use png or webp.",
                              param: "background")
        }
        if let q = value("quality") { qualityName = q == "auto" ? "high" : q }
    }

    /// Defaults: one 1024×1024 PNG.
    init() {}

    /// "1024x1024", "auto", "1K"/"2K"/"4K".
    static func parseSize(_ text: String) throws(OfflineFailure) -> (width: Int, height: Int)? {
        let s = text.lowercased().trimmingCharacters(in: .whitespaces)
        if s == "auto" || s.isEmpty { return nil }
        if let k = ["1k": 1024, "2k": 2048, "4k": 4096][s] { return (k, k) }
        let parts = s.split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]),
              (1...maxSide).contains(w), (1...maxSide).contains(h) else {
            throw .badRequest("Invalid value for 'size': '\(text)'. Use 'WIDTHxHEIGHT' (each 1 to \(maxSide)) or 'auto'.",
                              param: "size")
        }
        return (w, h)
    }

    /// Size for a Gemini `imageConfig` (`aspectRatio` "16:9", `imageSize` "1K"/"2K"/"4K").
    static func geminiSize(aspectRatio: String?, imageSize: String?) -> (width: Int, height: Int)? {
        guard aspectRatio != nil || imageSize != nil else { return nil }
        let side = ["2k": 2048, "4k": 4096][imageSize?.lowercased() ?? ""] ?? 1024
        let ratio = aspectRatio?.split(separator: ":").compactMap { Double($0) } ?? []
        guard ratio.count == 2, ratio[0] > 0, ratio[1] > 0 else { return (side, side) }
        let r = ratio[0] / ratio[1]
        // The longer side keeps the nominal size, rounded to a multiple of 8.
        let w = r >= 1 ? side : Int((Double(side) * r / 8).rounded()) * 8
        let h = r >= 1 ? Int((Double(side) / r / 8).rounded()) * 8 : side
        return (max(8, w), max(8, h))
    }
}
