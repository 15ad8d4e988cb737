import Foundation

/// Reading an image file without trusting it: only a regular file, and only up to a byte limit,
/// so `/dev/zero`, a FIFO or a 50 GB file never reaches memory.
public enum ImageFile {
    /// Why a file was not read.
    public enum Failure: Error, Equatable {
        /// Missing or unreadable; the system's reason.
        case unreadable(String)
        /// A device, FIFO, socket or folder.
        case notRegular
        /// Larger than the limit (the size seen).
        case tooLarge(Int)

        /// A phrase to follow the file's name: `is not a regular file; …`.
        public var phrase: String {
            switch self {
            case .unreadable(let why): "cannot be read: \(why)"
            case .notRegular: "is not a regular file; images are read from image files"
            case .tooLarge(let size): "is \(size) bytes, over the image size limit"
            }
        }
    }

    /// The bytes of the regular file at `url`, at most `limit` of them.
    public static func read(_ url: URL, limit: Int) -> Result<Data, Failure> {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path) } catch {
            return .failure(.unreadable(error.localizedDescription))
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else { return .failure(.notRegular) }
        if let size = attributes[.size] as? Int, size > limit { return .failure(.tooLarge(size)) }
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            guard data.count <= limit else { return .failure(.tooLarge(data.count)) }
            return .success(data)
        } catch {
            return .failure(.unreadable(error.localizedDescription))
        }
    }
}
