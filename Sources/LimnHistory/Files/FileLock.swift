#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock(2)` on a lock file, held while a process opens and migrates the history.
///
/// `flock` locks belong to the open file description, so two opens in one process exclude each
/// other just as two processes do.
struct FileLock: ~Copyable {
    private let fd: Int32

    /// Blocks until the lock on `path` (created if missing) is held.
    init(path: String) throws(HistoryError) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io("open the lock file", path, errno: errno) }
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let code = errno
            close(fd)
            throw .io("lock", path, errno: code)
        }
        self.fd = fd
    }

    deinit {
        _ = flock(fd, LOCK_UN)
        close(fd)
    }
}
