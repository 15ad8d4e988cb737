import Foundation
import LimnImage
import Testing
@testable import LimnRouter

@Suite struct HTTPBodyTests {
    /// Bytes 0, 1, 2, … (mod 251) of length `n`.
    static func bytes(_ n: Int, salt: Int = 0) -> Data { Data((0..<n).map { UInt8(truncatingIfNeeded: ($0 &+ salt) % 251) }) }

    /// Every read of `body` through buffers of `size` bytes, joined; each read checked against
    /// the reader's contract.
    static func readAll(_ body: HTTPBody, size: Int) -> Data {
        var reader = HTTPBody.Reader(body)
        var out = Data()
        var buffer = [UInt8](repeating: 0, count: size)
        while true {
            let n = buffer.withUnsafeMutableBytes { reader.read(into: $0) }
            if n == 0 { break }
            #expect(n <= size)
            out.append(contentsOf: buffer[..<n])
            if !reader.isAtEnd { #expect(n >= size - 3, "a read before the end left more than a base64 group unused") }
        }
        #expect(reader.isAtEnd)
        return out
    }

    @Test func piecesReadBackAsBytesAndFoundationBase64AtEveryBufferSize() {
        for b64 in 0...8 {
            let pieces: [HTTPBody.Piece] = [.bytes(Data("{\"a\":\"".utf8)), .base64(Self.bytes(b64)), .bytes(Self.bytes(5, salt: 9)),
                                            .base64(Self.bytes(b64 * 37 + 1, salt: 3)), .bytes(Data("\"}".utf8))]
            var expected = Data("{\"a\":\"".utf8)
            expected += Self.bytes(b64).base64EncodedData() + Self.bytes(5, salt: 9)
            expected += Self.bytes(b64 * 37 + 1, salt: 3).base64EncodedData() + Data("\"}".utf8)
            let body = HTTPBody(pieces: pieces)
            #expect(body.count == expected.count)
            #expect(body.data == expected)
            for size in [4, 5, 6, 7, 8, 13, 64, 1000, 1 << 16] {
                #expect(Self.readAll(body, size: size) == expected, "base64 of \(b64) bytes, buffers of \(size)")
            }
        }
    }

    @Test func aSlicedPieceReadsFromItsOwnIndices() {
        let whole = Self.bytes(10_000)
        let slice = whole[1234..<8765]
        let body = HTTPBody(pieces: [.bytes(slice), .base64(slice)])
        let expected = Data(slice) + Data(slice).base64EncodedData()
        #expect(body.data == expected)
        #expect(Self.readAll(body, size: 4096) == expected)
    }

    @Test func emptyPiecesAreDroppedAndOneRunOfBytesIsNotCopied() {
        #expect(HTTPBody(pieces: [.bytes(Data()), .base64(Data())]).isEmpty)
        #expect(HTTPBody().data.isEmpty)
        let data = Self.bytes(100_000)
        let body = HTTPBody(data)
        #expect(Self.address(body.data) == Self.address(data))
    }

    static func address(_ data: Data) -> Int? { data.withUnsafeBytes { $0.baseAddress.map { Int(bitPattern: $0) } } }

    @Test func aSerializedBodyKeepsImagesAsPiecesOverTheirOwnBytes() throws {
        let image = Self.bytes(300_001)
        let value: JSONValue = ["model": "m", "messages": [["role": "user", "content": [
            ["type": "text", "text": "describe \"this\"\n"],
            ["type": "image_url", "image_url": ["url": .span(JSONSpan(dataURI: "image/png", of: image))]],
        ]]], "parts": [["inlineData": ["data": .span(JSONSpan(base64Of: Self.bytes(7)))]]]]
        let body = value.serializedBody()
        #expect(body.data == value.serialized())
        #expect(Self.readAll(body, size: 256 << 10) == value.serialized())
        let shared = body.pieces.compactMap { piece -> Data? in
            if case .base64(let d) = piece { return d }
            return nil
        }
        #expect(shared.count == 2)
        #expect(Self.address(shared[0]) == Self.address(image), "the data URI's piece shares the image's storage")
        // Nothing but the JSON around the images is held as bytes.
        let held = body.pieces.reduce(0) { total, piece in
            if case .bytes(let d) = piece { return total + d.count }
            return total
        }
        #expect(held < 300)
    }

    @Test func aMultipartFileOverTheSharingSizeIsAPieceOverThePartsBytes() {
        var form = MultipartForm()
        let big = Self.bytes(MultipartForm.sharedPartSize + 1)
        form.append("prompt", "a cat")
        form.append("image", filename: "image.png", contentType: "image/png", body: big)
        form.append("mask", filename: "mask.png", contentType: "image/png", body: Self.bytes(100))
        let body = form.encodedBody(boundary: "b")
        #expect(body.data == form.encoded(boundary: "b"))
        #expect(body.pieces.contains { piece in
            if case .bytes(let d) = piece { return Self.address(d) == Self.address(big) && d.count == big.count }
            return false
        })
        let parsed = try? MultipartForm.parse(body.data, contentType: MultipartForm.contentType(boundary: "b"))
        #expect(parsed?.parts.map(\.body) == [Data("a cat".utf8), big, Self.bytes(100)])
    }
}
