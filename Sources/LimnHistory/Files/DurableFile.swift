#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Small POSIX file operations with the durability the store and the manifest promise:
/// every byte written with `write(2)`, `fsync(2)` before a file is published, and the
/// folder synced after a rename so the new name survives a power cut.
enum DurableFile {
    /// Writes all of `data` to `fd`, retrying short writes and `EINTR`.
    static func writeAll(_ data: Data, to fd: Int32, path: String) throws(HistoryError) {
        let failure: Int32? = data.withUnsafeBytes { raw -> Int32? in
            guard var next = raw.baseAddress else { return nil }
            var left = raw.count
            while left > 0 {
                let n = write(fd, next, left)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                next += n
                left -= n
            }
            return nil
        }
        if let failure { throw .io("write", path, errno: failure) }
    }

    /// `fsync(2)`, reporting failure as a `HistoryError`.
    static func sync(_ fd: Int32, path: String) throws(HistoryError) {
        while fsync(fd) != 0 {
            if errno != EINTR { throw .io("sync", path, errno: errno) }
        }
    }

    /// Syncs a folder so that a rename inside it is durable; best effort where folders cannot be opened.
    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// Creates `path` and its missing parents; an existing folder, or one a concurrent
    /// process creates first, is fine.
    static func makeDirectories(_ path: String) throws(HistoryError) {
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makeDirectories(parent) }
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw .io("create the folder", path, errno: errno) }
    }

    /// Writes `data` to a new temporary file beside `destination`, syncs it, renames it over
    /// `destination` and syncs the folder. Readers see the old file or the complete new one,
    /// never a partial one, and concurrent writers of the same bytes cannot corrupt it.
    static func writeAtomically(_ data: Data, to destination: String) throws(HistoryError) {
        let folder = (destination as NSString).deletingLastPathComponent
        let name = (destination as NSString).lastPathComponent
        let temporary = folder + "/.\(name).\(getpid()).\(UInt64.random(in: 0...UInt64.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io("create", temporary, errno: errno) }
        do throws(HistoryError) {
            try writeAll(data, to: fd, path: temporary)
            try sync(fd, path: temporary)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, destination) == 0 else {
            let code = errno
            unlink(temporary)
            throw .io("rename into place", destination, errno: code)
        }
        syncDirectory(folder)
    }

    /// Closes `fd` (for types whose own `close()` hides the system call's name).
    static func closeDescriptor(_ fd: Int32) {
        _ = close(fd)
    }

    /// The size of the regular file at `path`, or nil when there is none.
    static func regularFileSize(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }
}
