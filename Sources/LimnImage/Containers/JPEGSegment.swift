/// One marker segment of a JPEG file's header, located by byte offsets from the start of the data.
struct JPEGSegment: Sendable, Equatable {
    /// The marker code (0xE1 for APP1).
    let marker: UInt8
    /// Offset of the segment's 0xFF.
    let start: Int
    /// One past the segment's last byte.
    let end: Int

    /// The payload after the marker and length field.
    var payload: Range<Int> { min(start + 4, end)..<end }
    /// The whole segment.
    var range: Range<Int> { start..<end }

    static let app0: UInt8 = 0xE0
    static let app1: UInt8 = 0xE1
    static let startOfScan: UInt8 = 0xDA

    /// Where a walk over the header stopped.
    enum Stop: Equatable {
        /// At the first scan (SOS) or the end marker: the header is whole.
        case scan
        /// The data ended inside the header.
        case endOfData
        /// Something that is not a marker segment.
        case malformed
    }

    /// The segments after SOI, up to (not including) the first scan, and why the walk stopped.
    static func walk(_ p: UnsafeRawBufferPointer) -> (segments: [JPEGSegment], stop: Stop) {
        var segments: [JPEGSegment] = []
        var i = 2
        while i + 1 < p.count {
            guard p[i] == 0xFF else { return (segments, .malformed) }
            let marker = p[i + 1]
            if marker == 0xFF { i += 1; continue }                       // fill byte
            if marker == startOfScan || marker == 0xD9 { return (segments, .scan) }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) {        // no length field
                segments.append(JPEGSegment(marker: marker, start: i, end: i + 2))
                i += 2
                continue
            }
            guard i + 4 <= p.count else { break }
            let end = i + 2 + Int(p.be16(at: i + 2))
            guard end >= i + 4 else { return (segments, .malformed) }
            guard end <= p.count else { break }
            segments.append(JPEGSegment(marker: marker, start: i, end: end))
            i = end
        }
        return (segments, .endOfData)
    }

    /// A serialised segment; `payload` must be at most 65,533 bytes.
    static func make(marker: UInt8, payload: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }
}
