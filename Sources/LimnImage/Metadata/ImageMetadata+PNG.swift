import Foundation

// PNG: an uncompressed iTXt chunk, keyword "limn", right after IHDR.
extension ImageMetadata {
    private static let keyword = Array("limn".utf8)

    static func embeddingPNG(_ json: String, in data: Data) throws(ImageError) -> [Data] {
        let (chunks, complete) = data.withUnsafeBytes { PNGChunk.walk($0) }
        guard complete, let ihdr = chunks.first, ihdr.type == PNGChunk.ihdr else {
            throw ImageError(.corrupt, "cannot embed metadata: the PNG chunk structure is broken")
        }
        // keyword NUL, compression flag 0 and method 0, empty language tag NUL, empty translated keyword NUL.
        var payload = Data(keyword + [0, 0, 0, 0, 0])
        payload.append(contentsOf: Array(json.utf8))
        let chunk = PNGChunk.make(type: PNGChunk.itxt, payload: payload)
        return data.splicedParts(removing: limnChunks(data, chunks).map(\.range), inserting: chunk, at: ihdr.range.upperBound)
    }

    static func readPNG(_ data: Data) -> String? {
        data.withUnsafeBytes { raw -> String? in
            for chunk in PNGChunk.walk(raw).chunks where isLimn(raw, chunk) {
                let text = raw[chunk.data].dropFirst(keyword.count + 1)   // keyword and its NUL
                guard text.count >= 2, text[text.startIndex] == 0 else { return nil }   // compressed: not ours
                // Skip compression method, then the language tag and translated keyword (each NUL-ended).
                var rest = text.dropFirst(2)
                for _ in 0..<2 {
                    guard let nul = rest.firstIndex(of: 0) else { return nil }
                    rest = rest[(nul + 1)...]
                }
                return String(validating: rest, as: UTF8.self)
            }
            return nil
        }
    }

    static func strippingPNG(_ data: Data) -> Data {
        let chunks = data.withUnsafeBytes { PNGChunk.walk($0).chunks }
        let remove = limnChunks(data, chunks)
        return remove.isEmpty ? data : data.splicing(removing: remove.map(\.range))
    }

    private static func limnChunks(_ data: Data, _ chunks: [PNGChunk]) -> [PNGChunk] {
        data.withUnsafeBytes { raw in chunks.filter { isLimn(raw, $0) } }
    }

    /// An iTXt chunk whose keyword is exactly `limn`.
    private static func isLimn(_ raw: UnsafeRawBufferPointer, _ chunk: PNGChunk) -> Bool {
        guard chunk.type == PNGChunk.itxt, chunk.length > keyword.count else { return false }
        let start = chunk.data.lowerBound
        return raw[start..<(start + keyword.count)].elementsEqual(keyword) && raw[start + keyword.count] == 0
    }
}
