import Foundation

/// One chunk of a PNG file, located by byte offsets from the start of the data.
struct PNGChunk: Sendable, Equatable {
    /// The four type letters read as a big-endian integer (`IHDR` is 0x49484452).
    let type: UInt32
    /// Offset of the chunk's length field.
    let start: Int
    /// Payload length.
    let length: Int

    /// The payload.
    var data: Range<Int> { (start + 8)..<(start + 8 + length) }
    /// The whole chunk: length, type, payload and CRC.
    var range: Range<Int> { start..<(start + 12 + length) }

    static let ihdr: UInt32 = 0x4948_4452
    static let itxt: UInt32 = 0x6954_5874
    static let iend: UInt32 = 0x4945_4E44
    static let signatureLength = 8

    /// The chunks of a PNG file up to and including IEND; `complete` is false when a chunk runs
    /// past the end of the data or IEND never comes.
    static func walk(_ p: UnsafeRawBufferPointer) -> (chunks: [PNGChunk], complete: Bool) {
        var chunks: [PNGChunk] = []
        var i = signatureLength
        while i + 12 <= p.count {
            let chunk = PNGChunk(type: p.be32(at: i + 4), start: i, length: Int(p.be32(at: i)))
            guard chunk.range.upperBound <= p.count else { break }
            chunks.append(chunk)
            if chunk.type == iend { return (chunks, true) }
            i = chunk.range.upperBound
        }
        return (chunks, false)
    }

    /// A serialised chunk with its length and CRC.
    static func make(type: UInt32, payload: Data) -> Data {
        var chunk = Data()
        chunk.reserveCapacity(payload.count + 12)
        chunk.appendBigEndian(UInt32(payload.count))
        chunk.appendBigEndian(type)
        chunk.append(payload)
        chunk.appendBigEndian(CRC32.checksum(chunk.dropFirst(4)))
        return chunk
    }
}
