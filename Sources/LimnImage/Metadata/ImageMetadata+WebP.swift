import Foundation

// WebP: an "XMP " chunk in the extended (VP8X) form; a simple VP8/VP8L file is converted first.
extension ImageMetadata {
    static func embeddingWebP(_ json: String, in data: Data) throws(ImageError) -> Data {
        let (chunks, complete) = data.withUnsafeBytes { WebPChunk.walk($0) }
        guard complete, let first = chunks.first else {
            throw ImageError(.corrupt, "cannot embed metadata: the WebP chunk structure is broken")
        }
        var vp8x: Data
        var rest = chunks.dropFirst().filter { !isLimnXMP(data, $0) }
        switch first.fourCC {
        case WebPChunk.vp8x:
            vp8x = Data(data[data.startIndex + first.start..<data.startIndex + first.end])
            vp8x[vp8x.startIndex + 8] |= WebPChunk.xmpFlag
        case WebPChunk.vp8, WebPChunk.vp8l:
            let header = try ImageHeader.read(data)   // the bitstream's own size becomes the canvas
            vp8x = makeVP8X(width: header.width, height: header.height,
                            flags: WebPChunk.xmpFlag | (losslessHasAlpha(data, first) ? WebPChunk.alphaFlag : 0))
            rest.insert(first, at: 0)
        default:
            throw ImageError(.corrupt, "cannot embed metadata: the WebP file starts with an unknown chunk")
        }
        var out = Data()
        out.reserveCapacity(data.count + json.utf8.count + 1024)
        out.append(contentsOf: Array("RIFF".utf8))
        out.appendLittleEndian(0)   // fixed below
        out.append(contentsOf: Array("WEBP".utf8))
        out.append(vp8x)
        for chunk in rest { out.append(data[(data.startIndex + chunk.start)..<(data.startIndex + chunk.end)]) }
        out.append(WebPChunk.make(fourCC: WebPChunk.xmp, payload: Data(XMPPacket.make(json: json))))
        setRIFFSize(&out, to: out.count - 8)
        return out
    }

    static func readWebP(_ data: Data) -> String? {
        data.withUnsafeBytes { raw in
            for chunk in WebPChunk.walk(raw).chunks where chunk.fourCC == WebPChunk.xmp {
                if let json = XMPPacket.recipe(in: UnsafeRawBufferPointer(rebasing: raw[chunk.payload])) { return json }
            }
            return nil
        }
    }

    static func strippingWebP(_ data: Data) -> Data {
        let chunks = data.withUnsafeBytes { WebPChunk.walk($0).chunks }
        let ours = chunks.filter { isLimnXMP(data, $0) }
        guard !ours.isEmpty else { return data }
        let removed = ours.reduce(0) { $0 + $1.range.count }
        let riffSize = data.withUnsafeBytes { Int($0.le32(at: 4)) }
        var out = data.splicing(removing: ours.map(\.range))
        let otherXMP = chunks.contains { $0.fourCC == WebPChunk.xmp && !ours.contains($0) }
        if let first = chunks.first, first.fourCC == WebPChunk.vp8x, !otherXMP, out.count > 20 {
            out[out.startIndex + 20] &= ~WebPChunk.xmpFlag   // VP8X is the first chunk: flags at byte 20
        }
        setRIFFSize(&out, to: riffSize - removed)
        return out
    }

    private static func isLimnXMP(_ data: Data, _ chunk: WebPChunk) -> Bool {
        chunk.fourCC == WebPChunk.xmp
            && data.withUnsafeBytes { XMPPacket.isLimn(UnsafeRawBufferPointer(rebasing: $0[chunk.payload])) }
    }

    /// A VP8X chunk: flags, three reserved bytes, then canvas width − 1 and height − 1 in 24 bits each.
    private static func makeVP8X(width: Int, height: Int, flags: UInt8) -> Data {
        var payload = Data([flags, 0, 0, 0])
        for value in [width - 1, height - 1] {
            payload.append(contentsOf: [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF)])
        }
        return WebPChunk.make(fourCC: WebPChunk.vp8x, payload: payload)
    }

    /// The VP8L header's alpha_is_used bit (bit 28 after the signature byte).
    private static func losslessHasAlpha(_ data: Data, _ chunk: WebPChunk) -> Bool {
        guard chunk.fourCC == WebPChunk.vp8l, chunk.size >= 5 else { return false }
        return data.withUnsafeBytes { $0.le32(at: chunk.start + 9) } & (1 << 28) != 0
    }

    private static func setRIFFSize(_ data: inout Data, to riffSize: Int) {
        let size = UInt32(clamping: riffSize).littleEndian
        withUnsafeBytes(of: size) { bytes in
            data.replaceSubrange((data.startIndex + 4)..<(data.startIndex + 8), with: bytes)
        }
    }
}
