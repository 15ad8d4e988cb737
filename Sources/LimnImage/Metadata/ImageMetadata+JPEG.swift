import Foundation

// JPEG: an APP1 XMP segment after SOI, after APP0 (JFIF) and an Exif APP1 if they lead the file.
extension ImageMetadata {
    /// An APP1 payload holds at most 65,533 bytes.
    private static let maxSegmentPayload = 65_533
    private static let exifSignature = Array("Exif\0\0".utf8)

    static func embeddingJPEG(_ json: String, in data: Data) throws(ImageError) -> [Data] {
        let payload = XMPPacket.jpegSignature + XMPPacket.make(json: json)
        guard payload.count <= maxSegmentPayload else {
            throw ImageError(.unsupported, "the recipe is \(payload.count) bytes as XMP, more than a JPEG segment holds "
                + "(\(maxSegmentPayload)); save as png or webp to keep it")
        }
        return data.withUnsafeBytes { raw in
            let segments = JPEGSegment.walk(raw).segments
            let ours = segments.filter { isLimnXMP(raw, $0) }
            // Conventional order: JFIF's APP0 first, then Exif; the recipe goes after both.
            var insertAt = 2
            for segment in segments where !ours.contains(segment) {
                guard segment.start == insertAt || ours.contains(where: { $0.end == segment.start }) else { break }
                let leads = segment.marker == JPEGSegment.app0
                    || (segment.marker == JPEGSegment.app1 && hasPrefix(raw, segment.payload, exifSignature))
                guard leads else { break }
                insertAt = segment.end
            }
            let segment = Data(JPEGSegment.make(marker: JPEGSegment.app1, payload: payload))
            return data.splicedParts(removing: ours.map(\.range), inserting: segment, at: insertAt)
        }
    }

    static func readJPEG(_ data: Data) -> String? {
        data.withUnsafeBytes { raw in
            for segment in JPEGSegment.walk(raw).segments where isLimnXMP(raw, segment) {
                let packet = segment.payload.dropFirst(XMPPacket.jpegSignature.count)
                return XMPPacket.recipe(in: UnsafeRawBufferPointer(rebasing: raw[packet]))
            }
            return nil
        }
    }

    static func strippingJPEG(_ data: Data) -> Data {
        let ours = data.withUnsafeBytes { raw in JPEGSegment.walk(raw).segments.filter { isLimnXMP(raw, $0) } }
        return ours.isEmpty ? data : data.splicing(removing: ours.map(\.range))
    }

    private static func isLimnXMP(_ raw: UnsafeRawBufferPointer, _ segment: JPEGSegment) -> Bool {
        guard segment.marker == JPEGSegment.app1, hasPrefix(raw, segment.payload, XMPPacket.jpegSignature) else { return false }
        let packet = segment.payload.dropFirst(XMPPacket.jpegSignature.count)
        return XMPPacket.isLimn(UnsafeRawBufferPointer(rebasing: raw[packet]))
    }

    private static func hasPrefix(_ raw: UnsafeRawBufferPointer, _ range: Range<Int>, _ prefix: [UInt8]) -> Bool {
        range.count >= prefix.count && raw[range.lowerBound..<(range.lowerBound + prefix.count)].elementsEqual(prefix)
    }
}
