import Foundation

/// A failure of the image store, the history database or the manifest.
///
/// The description is one stable line saying what happened and, where it helps, what to do.
public struct HistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case io(operation: String, path: String, errno: Int32)
        case database(String)
        case invalidDigest(String)
        case invalidManifestLine(String)
        case closed(String)
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    /// A system call on `path` failed with `errno`.
    static func io(_ operation: String, _ path: String, errno: Int32) -> HistoryError {
        HistoryError(.io(operation: operation, path: path, errno: errno))
    }

    /// The history database refused an operation.
    static func database(_ message: String) -> HistoryError { HistoryError(.database(message)) }

    /// A string that is not a lowercase hex SHA-256 was used as an image name.
    static func invalidDigest(_ digest: String) -> HistoryError { HistoryError(.invalidDigest(digest)) }

    /// A manifest line that is not a JSON object.
    static func invalidManifestLine(_ detail: String) -> HistoryError { HistoryError(.invalidManifestLine(detail)) }

    /// A write after `close()`.
    static func closed(_ path: String) -> HistoryError { HistoryError(.closed(path)) }

    /// The failed system call's `errno`, for I/O errors.
    public var errno: Int32? {
        if case .io(_, _, let code) = kind { return code }
        return nil
    }

    /// One line: what failed and what to do.
    public var description: String {
        switch kind {
        case .io(let operation, let path, let code):
            let reason = String(cString: strerror(code))
            return "cannot \(operation) \(path): \(reason); check the folder exists and is writable"
        case .database(let message):
            return "history database error: \(message); run with --no-history to skip recording"
        case .invalidDigest(let digest):
            let shown = digest.count > 80 ? String(digest.prefix(80)) + "…" : digest
            return "not a SHA-256 image name: \"\(shown)\" (expected 64 lowercase hex digits)"
        case .invalidManifestLine(let detail):
            return "not a manifest line: \(detail)"
        case .closed(let path):
            return "the manifest \(path) is already closed"
        }
    }
}
