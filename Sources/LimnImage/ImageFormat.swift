import Foundation

/// The image formats Limn reads; all but GIF are also written.
public enum ImageFormat: String, Sendable, CaseIterable {
    case png, jpeg, webp, gif

    /// The MIME type (`image/png`, …).
    public var mime: String { "image/\(rawValue)" }

    /// The usual file extension.
    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }

    /// The format for a file extension (`png`, `jpg`, `jpeg`, `webp`, `gif`; any case).
    public init?(fileExtension ext: String) {
        switch ext.lowercased() {
        case "png": self = .png
        case "jpg", "jpeg": self = .jpeg
        case "webp": self = .webp
        case "gif": self = .gif
        default: return nil
        }
    }

    /// The format for a MIME type or a bare name (`image/jpeg`, `image/jpg`, `jpeg`, `png`).
    public init?(mime: String) {
        var m = mime.lowercased().trimmingCharacters(in: .whitespaces)
        if let semi = m.firstIndex(of: ";") { m = String(m[..<semi]) }
        if m.hasPrefix("image/") { m.removeFirst(6) }
        self.init(fileExtension: m)
    }

    /// The format named by the first bytes of `data`, or nil.
    public static func sniff(_ data: Data) -> ImageFormat? {
        let b = [UInt8](data.prefix(12))
        if b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if b.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if b.count >= 12, b[0...3] == [0x52, 0x49, 0x46, 0x46], b[8...11] == [0x57, 0x45, 0x42, 0x50] { return .webp }
        if b.starts(with: Array("GIF87a".utf8)) || b.starts(with: Array("GIF89a".utf8)) { return .gif }
        return nil
    }
}
