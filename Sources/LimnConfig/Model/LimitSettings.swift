import LimnImage
import LimnRouter

/// The hostile-input limits (`[limits]` in limn.toml): how large an answer, a base64 string, an
/// image or a JSON nesting may be before Limn refuses it with a `limit` error, checked before
/// anything that size is allocated.
public struct LimitSettings: Sendable, Equatable {
    /// One `[limits]` key.
    public enum Key: String, CaseIterable, Sendable {
        case responseSize = "response_size"
        case downloadSize = "download_size"
        case imageSize = "image_size"
        case base64Length = "base64_length"
        case pixels
        case jsonDepth = "json_depth"
        case imagesPerAnswer = "images_per_answer"

        /// The value when no file sets it (RouterLimits.default).
        public var builtIn: Int {
            let d = RouterLimits.default
            switch self {
            case .responseSize: return d.maxResponseBytes
            case .downloadSize: return d.maxDownloadBytes
            case .imageSize: return d.image.maxBytes
            case .base64Length: return d.maxBase64Length
            case .pixels: return d.image.maxPixels
            case .jsonDepth: return d.maxJSONDepth
            case .imagesPerAnswer: return d.maxImagesPerAnswer
            }
        }

        /// The values a file may set. JSON depth stops at 1024: the parser recurses per level (a debug build overflows an 8 MB stack near 4096).
        public var range: ClosedRange<Int> {
            switch self {
            case .responseSize, .downloadSize, .imageSize: return 1 << 10 ... 4 << 30
            case .base64Length: return 1 << 10 ... 6 << 30
            case .pixels: return 1 ... 1 << 30
            case .jsonDepth: return 8 ... 1024
            case .imagesPerAnswer: return 1 ... 1000
            }
        }

        /// Whether the value is a size in bytes (written `"512M"`).
        public var isBytes: Bool { self == .responseSize || self == .downloadSize || self == .imageSize }

        /// Whether a `K`/`M`/`G` suffix is accepted (sizes and counts that run into millions).
        public var takesSuffix: Bool { isBytes || self == .base64Length || self == .pixels }

        /// The value as `limn config` shows it.
        public func describe(_ value: Int) -> String { isBytes ? Quantity.describe(bytes: value) : String(value) }
    }

    /// The values set by a file; the others are built in.
    public var values: [Key: Sourced<Int>]

    /// Settings with `values` over the built-in ones.
    public init(values: [Key: Sourced<Int>] = [:]) { self.values = values }

    /// The value in force for `key`, with its source.
    public subscript(key: Key) -> Sourced<Int> { values[key] ?? Sourced(key.builtIn, .builtIn) }

    /// The limits the router client and the image reader check.
    public var routerLimits: RouterLimits {
        RouterLimits(maxResponseBytes: self[.responseSize].value, maxBase64Length: self[.base64Length].value,
                     maxDownloadBytes: self[.downloadSize].value, maxJSONDepth: self[.jsonDepth].value,
                     maxImagesPerAnswer: self[.imagesPerAnswer].value,
                     image: ImageLimits(maxPixels: self[.pixels].value, maxBytes: self[.imageSize].value))
    }

    /// The built-in limits.
    public static let builtIn = LimitSettings()
}
