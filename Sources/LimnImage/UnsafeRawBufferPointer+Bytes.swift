// Fixed-width integer reads and byte search for container parsing; callers check bounds first.
extension UnsafeRawBufferPointer {
    func be16(at i: Int) -> UInt16 { UInt16(self[i]) << 8 | UInt16(self[i + 1]) }
    func be32(at i: Int) -> UInt32 {
        UInt32(self[i]) << 24 | UInt32(self[i + 1]) << 16 | UInt32(self[i + 2]) << 8 | UInt32(self[i + 3])
    }
    func le16(at i: Int) -> UInt16 { UInt16(self[i]) | UInt16(self[i + 1]) << 8 }
    func le24(at i: Int) -> UInt32 { UInt32(self[i]) | UInt32(self[i + 1]) << 8 | UInt32(self[i + 2]) << 16 }
    func le32(at i: Int) -> UInt32 { le24(at: i) | UInt32(self[i + 3]) << 24 }

    /// The offset of the first occurrence of `needle` at or after `from`, or nil.
    func firstIndex(of needle: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, needle.count <= count - from else { return nil }
        var i = from
        let last = count - needle.count
        while i <= last {
            if self[i] == first && elementsEqual(needle, at: i) { return i }
            i += 1
        }
        return nil
    }

    private func elementsEqual(_ needle: [UInt8], at offset: Int) -> Bool {
        for (k, byte) in needle.enumerated() where self[offset + k] != byte { return false }
        return true
    }
}
