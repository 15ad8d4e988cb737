import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

/// Appends exchanges to a cassette, one at a time whatever the number of concurrent callers.
///
/// Each exchange's body files are written first (atomically, skipped when a file of that name,
/// and so those bytes, already exists), then its index line in a single `write` to a file opened
/// for appending, then `fsync`: a run killed at any moment leaves every earlier exchange whole.
actor CassetteWriter {
    /// The cassette written to.
    let cassette: Cassette
    /// Whether the first write clears an earlier recording (`--record`) or appends to it.
    private let replacing: Bool
    private var prepared = false
    private var occurrences: [String: Int]

    /// A writer. `recorded` counts the exchanges already in the cassette per fingerprint, so that
    /// new ones are numbered after them.
    init(cassette: Cassette, replacing: Bool, recorded: [String: Int] = [:]) {
        self.cassette = cassette
        self.replacing = replacing
        self.occurrences = recorded
    }

    /// Numbers a request among those with the same fingerprint, in the order they are sent.
    func nextOccurrence(of fingerprint: String) -> Int {
        let next = occurrences[fingerprint, default: 0] + 1
        occurrences[fingerprint] = next
        return next
    }

    /// Writes `entry`'s body files, then its index line.
    func append(_ entry: CassetteEntry, blobs: [CassetteBlob]) throws(CassetteError) {
        try prepareIfNeeded()
        for blob in blobs { try write(blob) }
        try appendToIndex(entry.indexLine)
    }

    private func prepareIfNeeded() throws(CassetteError) {
        guard !prepared else { return }
        let files = FileManager.default
        do {
            try files.createDirectory(at: cassette.folder, withIntermediateDirectories: true)
            if replacing {
                for url in [cassette.indexURL, cassette.bodiesURL] where files.fileExists(atPath: url.path) {
                    try files.removeItem(at: url)
                }
            }
            try files.createDirectory(at: cassette.bodiesURL, withIntermediateDirectories: true)
            if files.fileExists(atPath: cassette.indexURL.path) {
                try dropUnterminatedTail()
            } else {
                try Cassette.headerLine.write(to: cassette.indexURL, options: .atomic)
            }
        } catch let error as CassetteError {
            throw error
        } catch {
            throw CassetteError(.io, "cannot prepare the recording at \(cassette.folder.path): \(error.localizedDescription)")
        }
        prepared = true
    }

    /// Cuts a last line a crash left without its newline, so the next line starts clean.
    private func dropUnterminatedTail() throws {
        let data = try Data(contentsOf: cassette.indexURL)
        guard let last = data.last, last != 0x0A else { return }
        let keep = (data.lastIndex(of: 0x0A) ?? -1) + 1
        let handle = try FileHandle(forWritingTo: cassette.indexURL)
        defer { try? handle.close() }
        try handle.truncate(atOffset: UInt64(keep))
        if keep == 0 { try handle.write(contentsOf: Cassette.headerLine) }
    }

    private func write(_ blob: CassetteBlob) throws(CassetteError) {
        let url = cassette.bodiesURL.appendingPathComponent(blob.name)
        guard !FileManager.default.fileExists(atPath: url.path) else { return }
        do {
            try blob.data.write(to: url, options: .atomic)
        } catch {
            throw CassetteError(.io, "cannot write \(Cassette.bodiesName)/\(blob.name) in \(cassette.folder.path): \(error.localizedDescription)")
        }
    }

    private func appendToIndex(_ line: Data) throws(CassetteError) {
        let path = cassette.indexURL.path
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CassetteError(.io, "cannot open \(path) for appending: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let failure: Int32? = line.withUnsafeBytes { raw -> Int32? in
            guard let base = raw.baseAddress else { return nil }
            var offset = 0
            while offset < raw.count {
                let n = systemWrite(fd, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
        if let failure { throw CassetteError(.io, "cannot append to \(path): \(String(cString: strerror(failure)))") }
        guard fsync(fd) == 0 else { throw CassetteError(.io, "cannot flush \(path): \(String(cString: strerror(errno)))") }
    }
}
