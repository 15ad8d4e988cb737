import Foundation

extension Data {
    /// `withUnsafeBytes` for a body that throws `ImageError` (Foundation's version only rethrows untyped).
    func withImageBytes<R>(_ body: (UnsafeRawBufferPointer) throws(ImageError) -> R) throws(ImageError) -> R {
        let result: Result<R, ImageError> = withUnsafeBytes { raw in
            Result { () throws(ImageError) -> R in try body(raw) }
        }
        return try result.get()
    }

    /// Appends `value` as four big-endian bytes.
    mutating func appendBigEndian(_ value: UInt32) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    /// Appends `value` as four little-endian bytes.
    mutating func appendLittleEndian(_ value: UInt32) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    /// A copy with the byte ranges `removing` left out and `insertion` placed at `offset`.
    ///
    /// Offsets count from 0 whatever `startIndex` is; `removing` must not overlap, and `offset`
    /// must not fall strictly inside one of them.
    func splicing(removing: [Range<Int>], inserting insertion: Data? = nil, at offset: Int = 0) -> Data {
        splicedParts(removing: removing, inserting: insertion, at: offset).concatenated
    }

    /// The same result as `splicing`, as the pieces that make it up, in order: slices of this
    /// data (sharing its storage, no copy) and `insertion`. Writing them one after another to a
    /// file gives the spliced file without holding a second copy of the image.
    func splicedParts(removing: [Range<Int>], inserting insertion: Data? = nil, at offset: Int = 0) -> [Data] {
        var out: [Data] = []
        var cursor = 0
        var pending = insertion
        func copy(_ upTo: Int) {
            if upTo > cursor { out.append(self[(startIndex + cursor)..<(startIndex + upTo)]) }
            cursor = Swift.max(cursor, upTo)
        }
        for range in removing.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let piece = pending, offset <= range.lowerBound {
                copy(offset); out.append(piece); pending = nil
            }
            copy(range.lowerBound)
            cursor = Swift.max(cursor, range.upperBound)
        }
        if let piece = pending { copy(Swift.min(offset, count)); out.append(piece) }
        copy(count)
        return out
    }
}

extension [Data] {
    /// The pieces one after another, in one buffer allocated once.
    var concatenated: Data {
        if count == 1 { return self[0] }
        var out = Data()
        out.reserveCapacity(reduce(0) { $0 + $1.count })
        for part in self { out.append(part) }
        return out
    }
}
