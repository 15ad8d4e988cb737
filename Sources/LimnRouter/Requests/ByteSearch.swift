import Foundation

/// Finding a short byte pattern in a large body (multipart delimiters, boundary collisions).
enum ByteSearch {
    /// The index of the first occurrence of `pattern` in `base[from..<end]`, or nil.
    /// `memchr` jumps to each candidate first byte, so binary bodies are crossed at libc speed.
    static func find(_ pattern: [UInt8], in base: UnsafePointer<UInt8>, from: Int, end: Int) -> Int? {
        guard let first = pattern.first, end - from >= pattern.count else { return nil }
        var i = from
        let last = end - pattern.count
        while i <= last {
            guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return nil }
            let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
            if memcmp(base + at, pattern, pattern.count) == 0 { return at }
            i = at + 1
        }
        return nil
    }

    /// Whether `data` contains `pattern`.
    static func contains(_ data: Data, _ pattern: [UInt8]) -> Bool {
        data.withUnsafeBytes { raw in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return false }
            return find(pattern, in: base, from: 0, end: raw.count) != nil
        }
    }
}
