import Foundation
import LimnImage

/// A content-addressed folder of images: each image is a file named by its SHA-256 and format,
/// `<root>/images/ab/cdef….png`, so the same bytes always land at the same path.
///
/// Writes are atomic (temporary file, `fsync`, rename, folder `fsync`) and idempotent: storing
/// bytes already present does not rewrite them. Two processes storing the same image at once
/// both succeed and leave one complete file.
public struct ImageStore: Sendable {
    /// The folder holding `images/`.
    public let root: URL

    /// A store rooted at `root` (usually `LIMN_HOME`); nothing is created until the first write.
    public init(root: URL) {
        self.root = root
    }

    /// The folder all image files live under: `<root>/images`.
    public var imagesFolder: URL { root.appendingPathComponent("images", isDirectory: true) }

    /// The path of an image relative to `root`: `images/ab/cdef….png` (history rows keep this,
    /// so a home folder can move).
    /// - Throws: `HistoryError` when `sha256` is not 64 lowercase hex digits.
    public static func relativePath(sha256: String, format: ImageFormat) throws(HistoryError) -> String {
        try checkDigest(sha256)
        let utf8 = Array(sha256.utf8)
        let prefix = String(decoding: utf8[0..<2], as: UTF8.self)
        let rest = String(decoding: utf8[2...], as: UTF8.self)
        return "images/\(prefix)/\(rest).\(format.fileExtension)"
    }

    /// Where the image with this digest and format lives (or would live).
    /// - Throws: `HistoryError` when `sha256` is not 64 lowercase hex digits.
    public func url(sha256: String, format: ImageFormat) throws(HistoryError) -> URL {
        root.appendingPathComponent(try Self.relativePath(sha256: sha256, format: format), isDirectory: false)
    }

    /// Where `image` lives (or would live).
    public func url(for image: EncodedImage) throws(HistoryError) -> URL {
        try url(sha256: image.sha256, format: image.format)
    }

    /// Whether a complete file for this digest is present.
    public func contains(sha256: String, format: ImageFormat) -> Bool {
        guard let url = try? url(sha256: sha256, format: format) else { return false }
        return DurableFile.regularFileSize(url.path) != nil
    }

    /// Writes `image` unless an identical file is already there, and returns its path.
    ///
    /// A file already present with the right size is trusted and left alone (no rewrite);
    /// one with the wrong size (damaged outside Limn) is replaced atomically.
    @discardableResult
    public func store(_ image: EncodedImage) throws(HistoryError) -> URL {
        let destination = try url(for: image)
        if DurableFile.regularFileSize(destination.path) == image.bytes.count { return destination }
        try DurableFile.makeDirectories(destination.deletingLastPathComponent().path)
        try DurableFile.writeAtomically(image.bytes, to: destination.path)
        return destination
    }

    /// The stored bytes of an image.
    /// - Throws: `HistoryError` when the file is missing or unreadable.
    public func data(sha256: String, format: ImageFormat) throws(HistoryError) -> Data {
        let url = try url(sha256: sha256, format: format)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .io("read", url.path, errno: DurableFile.regularFileSize(url.path) == nil ? ENOENT : EIO)
        }
        return data
    }

    static func checkDigest(_ digest: String) throws(HistoryError) {
        let utf8 = digest.utf8
        guard utf8.count == 64, utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw .invalidDigest(digest)
        }
    }
}
