/// Word-at-a-time scanning for the bytes that end a run of plain string content in JSON:
/// `"`, `\` and control bytes below 0x20. Parser and writer both use it so a multi-megabyte
/// base64 string is crossed eight bytes per step and copied in one go.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080
    private static let quotes: UInt64 = ones &* 0x22
    private static let backslashes: UInt64 = ones &* 0x5C
    private static let controlBound: UInt64 = ones &* 0x20

    /// Whether any byte of `word` is zero (exact as an existence test).
    @inline(__always)
    private static func hasZero(_ word: UInt64) -> Bool {
        (word &- ones) & ~word & highs != 0
    }

    /// Whether any byte of `word` is `"`, `\` or below 0x20.
    @inline(__always)
    private static func hasSpecial(_ word: UInt64) -> Bool {
        hasZero(word ^ quotes) || hasZero(word ^ backslashes) || ((word &- controlBound) & ~word & highs != 0)
    }

    /// Whether `byte` ends a plain run.
    @inline(__always)
    static func isSpecial(_ byte: UInt8) -> Bool {
        byte == 0x22 || byte == 0x5C || byte < 0x20
    }

    /// The index of the first special byte in `base[from..<end]`, or `end` when there is none.
    static func firstSpecial(_ base: UnsafePointer<UInt8>, from: Int, end: Int) -> Int {
        var i = from
        let raw = UnsafeRawPointer(base)
        while i + 8 <= end {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            if hasSpecial(word) { break }
            i += 8
        }
        while i < end {
            if isSpecial(base[i]) { return i }
            i += 1
        }
        return end
    }
}
