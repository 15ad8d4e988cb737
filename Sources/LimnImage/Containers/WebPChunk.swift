import Foundation

/// One chunk of a WebP (RIFF) file, located by byte offsets from the start of the data.
struct WebPChunk: Sendable, Equatable {
    /// The FourCC read as a big-endian integer (`VP8X` is 0x56503858).
    let fourCC: UInt32
    /// Offset of the FourCC.
    let start: Int
    /// Payload size as the header states it (without the pad byte).
    let size: Int
    /// One past the chunk's last byte, its pad byte included when present.
    let end: Int

    /// The payload.
    var payload: Range<Int> { (start + 8)..<min(start + 8 + size, end) }
    /// The whole chunk.
    var range: Range<Int> { start..<end }

    static let vp8: UInt32 = 0x5650_3820   // "VP8 "
    static let vp8l: UInt32 = 0x5650_384C  // "VP8L"
    static let vp8x: UInt32 = 0x5650_3858  // "VP8X"
    static let xmp: UInt32 = 0x584D_5020   // "XMP "
    static let riffHeaderLength = 12

    /// VP8X flag bits.
    static let alphaFlag: UInt8 = 0x10
    static let xmpFlag: UInt8 = 0x04

    /// The chunks inside the RIFF container; `complete` is false when one runs past the end of the data.
    static func walk(_ p: UnsafeRawBufferPointer) -> (chunks: [WebPChunk], complete: Bool) {
        guard p.count >= riffHeaderLength else { return ([], false) }
        let riffEnd = Int(p.le32(at: 4)) + 8
        let limit = min(riffEnd, p.count)
        var chunks: [WebPChunk] = []
        var i = riffHeaderLength
        while i + 8 <= limit {
            let size = Int(p.le32(at: i + 4))
            let end = i + 8 + size + (size & 1)
            guard i + 8 + size <= limit else { return (chunks, false) }
            chunks.append(WebPChunk(fourCC: p.be32(at: i), start: i, size: size, end: min(end, limit)))
            i = end
        }
        return (chunks, riffEnd <= p.count)
    }

    /// A serialised chunk, padded to an even length.
    static func make(fourCC: UInt32, payload: Data) -> Data {
        var chunk = Data()
        chunk.reserveCapacity(payload.count + 9)
        chunk.appendBigEndian(fourCC)
        chunk.appendLittleEndian(UInt32(payload.count))
        chunk.append(payload)
        if payload.count & 1 == 1 { chunk.append(0) }
        return chunk
    }
}
