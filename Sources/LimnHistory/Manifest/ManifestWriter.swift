#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LimnRouter

/// Writes a run's manifest: JSON Lines, one `"event":"call"` line per call and one
/// `"event":"saved"` line each time the script saves an image.
///
/// Each line goes out in a single `write(2)` on an `O_APPEND` descriptor and, by default, is
/// `fsync`ed before the method returns, so a crash or a SIGKILL loses no line already written
/// and never leaves half a line. Safe to use from many threads at once.
///
/// Saves are separate lines rather than edits of the call's line: a manifest is append-only so
/// that what is on disk is always complete, and a save can happen long after (or never after)
/// the call. `ManifestReader.calls(in:)` folds the saved paths back into each call's images.
public final class ManifestWriter: Sendable {
    /// How hard each line is pushed to disk.
    public enum Durability: Sendable {
        /// `write(2)` then `fsync(2)`: survives a power cut.
        case sync
        /// `write(2)` only: survives the process dying, not the machine.
        case write
    }

    /// The manifest's path.
    public let url: URL
    private let durability: Durability
    private let state: Locked<State>

    private struct State {
        var fd: Int32?
        var sequence = 0
    }

    /// Opens `url` for writing, creating its folder; an existing file is replaced unless `append` is set.
    public init(url: URL, append: Bool = false, durability: Durability = .sync) throws {
        self.url = url
        self.durability = durability
        try DurableFile.makeDirectories(url.deletingLastPathComponent().path)
        let flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (append ? 0 : O_TRUNC)
        let fd = open(url.path, flags, 0o644)
        guard fd >= 0 else { throw HistoryError.io("open the manifest", url.path, errno: errno) }
        state = Locked(State(fd: fd))
    }

    deinit {
        close()
    }

    /// Writes the line for a successful call.
    public func record(call: Call, result: CallResult, parentSHA256: String? = nil, started: Date? = nil) throws {
        try record(CallSummary(call: call, result: result, started: started, parentSHA256: parentSHA256))
    }

    /// Writes the line for a failed call.
    public func recordFailure(call: Call, error: RouterError, parentSHA256: String? = nil, started: Date? = nil,
                              elapsed: Duration? = nil) throws {
        try record(CallSummary(call: call, error: error, started: started, elapsed: elapsed, parentSHA256: parentSHA256))
    }

    /// Writes the line for a call already summarized.
    public func record(_ summary: CallSummary) throws {
        try append { sequence in ManifestLine.call(summary, sequence: sequence) }
    }

    /// Writes a `saved` line: the image `sha256` was saved at `path`. `savedSHA256` is the
    /// digest of the file written when it differs (metadata added, or converted to `format`).
    public func noteSaved(sha256: String, path: String, savedSHA256: String? = nil, format: String? = nil) throws {
        try append(numbered: false) { _ in ManifestLine.saved(sha256: sha256, path: path, savedSHA256: savedSHA256, format: format) }
    }

    /// Closes the file; later writes throw. Closing twice is harmless.
    public func close() {
        state.withLock { state in
            if let fd = state.fd { DurableFile.closeDescriptor(fd) }
            state.fd = nil
        }
    }

    /// The timing fields `normalizedForComparison(line:)` removes.
    public static let timingFields: Set<String> = ["started", "elapsed_ms"]

    /// A line in canonical form (keys sorted, compact) with the timing fields removed, so two
    /// manifests of a replayed run compare equal line by line apart from timings.
    /// - Throws: `HistoryError` when the line is not a JSON object.
    public static func normalizedForComparison(line: String) throws -> String {
        let value: JSONValue
        do {
            value = try JSONValue.parse(line)
        } catch {
            throw HistoryError.invalidManifestLine(error.description)
        }
        guard var object = value.objectValue else {
            throw HistoryError.invalidManifestLine("expected a JSON object, found \(line.prefix(40))")
        }
        for field in timingFields { object[field] = nil }
        return String(decoding: object.serializedCanonical(), as: UTF8.self)
    }

    private func append(numbered: Bool = true, _ makeLine: (Int) -> JSONObject) throws {
        try state.withLock { state in
            guard let fd = state.fd else { throw HistoryError.closed(url.path) }
            if numbered { state.sequence += 1 }
            var data = makeLine(state.sequence).serialized()
            data.append(UInt8(ascii: "\n"))
            try DurableFile.writeAll(data, to: fd, path: url.path)
            if durability == .sync { try DurableFile.sync(fd, path: url.path) }
        }
    }
}
