import Foundation

/// Writes files so a reader never sees half of one: a temporary file beside the target,
/// flushed, then renamed over it. Parent folders are created.
enum AtomicFile {
    /// Writes `parts` one after another as the contents of `url`. With `overwrite == false` an
    /// existing file is an error.
    static func write(_ parts: [Data], to url: URL, overwrite: Bool) throws(AtomicFileError) {
        let fm = FileManager.default
        let dir = url.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw AtomicFileError("cannot create folder '\(dir.path)': \(error.localizedDescription)")
        }
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: url.path, isDirectory: &isDir) {
            if isDir.boolValue { throw AtomicFileError("'\(url.path)' is a folder; give a file name") }
            if !overwrite { throw AtomicFileError("'\(url.path)' exists and overwrite=false; choose another name or pass overwrite=true") }
        }
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).limn-\(UInt32.random(in: 0...UInt32.max)).tmp")
        guard fm.createFile(atPath: temp.path, contents: nil) else {
            throw AtomicFileError("cannot write in '\(dir.path)' (permission denied or disk full?)")
        }
        do {
            let handle = try FileHandle(forWritingTo: temp)
            defer { try? handle.close() }
            for part in parts { try handle.write(contentsOf: part) }
            try handle.synchronize()
        } catch {
            try? fm.removeItem(at: temp)
            throw AtomicFileError("writing '\(url.path)' failed: \(error.localizedDescription)")
        }
        if rename(temp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(at: temp)
            throw AtomicFileError("could not move the new file into place at '\(url.path)': \(reason)")
        }
    }
}

/// A failed atomic write; nothing was left half-written.
struct AtomicFileError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
