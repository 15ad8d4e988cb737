import Foundation
import Testing
@testable import LimnImage

@Suite struct ImageMetadataTests {
    static let recipe = #"{"model":"gpt-image-1","prompt":"a cat <in> a \"hat\" & scarf — 猫 🐱","n":1,"lines":"a\r\nb"}"#

    /// PNG, JPEG and lossy, lossless and alpha WebP files (WebP starts in the simple VP8/VP8L form).
    static func samples() throws -> [EncodedImage] {
        let opaque = TestImages.gradient(width: 40, height: 30)
        return [
            try EncodedImage.encode(TestImages.gradient(width: 40, height: 30, alpha: true), as: .png),
            try EncodedImage.encode(opaque, as: .jpeg),
            try EncodedImage.encode(opaque, as: .webp),
            try EncodedImage.encode(TestImages.gradient(width: 40, height: 30, alpha: true), as: .webp, quality: 100),
        ]
    }

    @Test func embeddedRecipeReadsBackExactlyAndPixelsAreUntouched() throws {
        for image in try Self.samples() {
            let embedded = try ImageMetadata.embedding(Self.recipe, in: image.bytes, format: image.format)
            #expect(embedded != image.bytes)
            #expect(ImageMetadata.read(from: embedded) == Self.recipe, "\(image.format)")
            let validated = try EncodedImage(validating: embedded)
            #expect(validated.width == image.width && validated.height == image.height)
            #expect(try validated.decode() == image.decode(), "\(image.format) pixels changed")
            // The same bytes inside a larger buffer (a Data slice with a non-zero startIndex).
            let padded = Data([9, 9, 9]) + image.bytes + Data([9])
            let slice = padded[(padded.startIndex + 3)..<(padded.endIndex - 1)]
            #expect(try ImageMetadata.embedding(Self.recipe, in: slice, format: image.format) == embedded)
            let embeddedSlice = (Data([9]) + embedded)[1...]
            #expect(ImageMetadata.read(from: embeddedSlice) == Self.recipe)
            #expect(ImageMetadata.stripping(from: embeddedSlice) == ImageMetadata.stripping(from: embedded))
        }
    }

    /// The pieces `save` writes make the same file as `embedding`, and for PNG and JPEG the image
    /// itself is among them uncopied: a slice of the received bytes.
    @Test func embeddingPartsJoinToTheEmbeddedFile() throws {
        for image in try Self.samples() {
            for source in [image.bytes, try ImageMetadata.embedding("{\"old\":1}", in: image.bytes, format: image.format)] {
                let parts = try ImageMetadata.embeddingParts(Self.recipe, in: source, format: image.format)
                #expect(parts.reduce(Data(), +) == (try ImageMetadata.embedding(Self.recipe, in: source, format: image.format)))
                if image.format != .webp {
                    let tail = try #require(parts.last)
                    #expect(parts.count >= 3 && source.suffix(tail.count) == tail, "\(image.format)")
                }
            }
        }
    }

    @Test func reembeddingReplacesRatherThanDuplicates() throws {
        for image in try Self.samples() {
            let once = try ImageMetadata.embedding("{\"v\":1}", in: image.bytes, format: image.format)
            let twice = try ImageMetadata.embedding("{\"v\":2}", in: once, format: image.format)
            #expect(ImageMetadata.read(from: twice) == "{\"v\":2}")
            #expect(twice.count == once.count, "\(image.format): one recipe replaced by one of the same length")
            #expect(occurrences(of: "limn", in: twice) == occurrences(of: "limn", in: once))
            #expect(try EncodedImage(validating: twice).decode() == image.decode())
        }
    }

    @Test func strippingRemovesOnlyTheRecipe() throws {
        for image in try Self.samples() {
            let embedded = try ImageMetadata.embedding(Self.recipe, in: image.bytes, format: image.format)
            let stripped = ImageMetadata.stripping(from: embedded)
            #expect(ImageMetadata.read(from: stripped) == nil)
            #expect(try EncodedImage(validating: stripped).decode() == image.decode())
            if image.format != .webp {
                #expect(stripped == image.bytes, "\(image.format): stripping restores the original bytes")
            }
            #expect(ImageMetadata.stripping(from: image.bytes) == image.bytes)
        }
    }

    @Test func nothingEmbeddedReadsNil() throws {
        for image in try Self.samples() { #expect(ImageMetadata.read(from: image.bytes) == nil) }
        #expect(ImageMetadata.read(from: Data("not an image".utf8)) == nil)
    }

    @Test func pngChunkSitsAfterIHDRWithValidCRC() throws {
        let png = try TestImages.encoded(.png)
        let embedded = try ImageMetadata.embedding("{}", in: png.bytes, format: .png)
        let chunk = embedded.withUnsafeBytes { PNGChunk.walk($0).chunks[1] }
        #expect(chunk.type == PNGChunk.itxt)
        #expect(chunk.start == 33)
        let bytes = [UInt8](embedded)
        #expect(Array(bytes[chunk.data]) == Array("limn".utf8) + [0, 0, 0, 0, 0] + Array("{}".utf8))
        let stored = UInt32(bytes[chunk.data.upperBound]) << 24 | UInt32(bytes[chunk.data.upperBound + 1]) << 16
            | UInt32(bytes[chunk.data.upperBound + 2]) << 8 | UInt32(bytes[chunk.data.upperBound + 3])
        #expect(stored == CRC32.checksum(bytes[(chunk.start + 4)..<chunk.data.upperBound]))
    }

    @Test func pngLeavesOtherTextChunksAlone() throws {
        let png = try TestImages.encoded(.png)
        // An iTXt chunk with a different keyword ("limnx") must survive embedding and stripping.
        var payload = Data("limnx".utf8); payload.append(contentsOf: [0, 0, 0, 0, 0]); payload.append(Data("keep".utf8))
        let other = PNGChunk.make(type: PNGChunk.itxt, payload: payload)
        let withOther = png.bytes.splicing(removing: [], inserting: other, at: 33)
        let embedded = try ImageMetadata.embedding("{}", in: withOther, format: .png)
        #expect(embedded.range(of: other) != nil)
        #expect(ImageMetadata.stripping(from: embedded) == withOther)
    }

    @Test func jpegSegmentFollowsJFIF() throws {
        let jpeg = try TestImages.encoded(.jpeg)
        #expect(jpeg.bytes[jpeg.bytes.startIndex + 3] == 0xE0)   // TurboJPEG writes JFIF APP0 first
        let embedded = try ImageMetadata.embedding("{}", in: jpeg.bytes, format: .jpeg)
        let segments = embedded.withUnsafeBytes { JPEGSegment.walk($0).segments }
        #expect(segments.map(\.marker).prefix(2) == [0xE0, 0xE1])
        let payload = Data(embedded[segments[1].payload])
        #expect(payload.starts(with: Data("http://ns.adobe.com/xap/1.0/\0".utf8)))
        #expect(String(decoding: payload, as: UTF8.self).contains("<limn:recipe>{}</limn:recipe>"))
    }

    @Test func jpegRecipeTooBigForOneSegmentIsRefused() throws {
        let jpeg = try TestImages.encoded(.jpeg)
        let big = String(repeating: "x", count: 70_000)
        #expect(throws: ImageError.self) { try ImageMetadata.embedding(big, in: jpeg.bytes, format: .jpeg) }
        let png = try ImageMetadata.embedding(big, in: try TestImages.encoded(.png).bytes, format: .png)
        #expect(ImageMetadata.read(from: png) == big)
    }

    @Test func webpBecomesExtendedWithXMPFlagAndRightRIFFSize() throws {
        let webp = try EncodedImage.encode(TestImages.gradient(width: 300, height: 5, alpha: true), as: .webp, quality: 100)
        #expect(webp.bytes[webp.bytes.startIndex + 12..<webp.bytes.startIndex + 16] == Data("VP8L".utf8))
        let embedded = try ImageMetadata.embedding("{\"odd\":1}", in: webp.bytes, format: .webp)
        let bytes = [UInt8](embedded)
        #expect(Array(bytes[12..<16]) == Array("VP8X".utf8))
        #expect(bytes[20] & WebPChunk.xmpFlag != 0 && bytes[20] & WebPChunk.alphaFlag != 0)
        let riffSize = Int(bytes[4]) | Int(bytes[5]) << 8 | Int(bytes[6]) << 16 | Int(bytes[7]) << 24
        #expect(riffSize == bytes.count - 8 && bytes.count % 2 == 0)
        #expect(try ImageHeader.read(embedded) == ImageHeader(format: .webp, width: 300, height: 5))
        let stripped = ImageMetadata.stripping(from: embedded)
        #expect(stripped[stripped.startIndex + 20] & WebPChunk.xmpFlag == 0)
        #expect(try EncodedImage(validating: stripped).decode() == webp.decode())
    }

    @Test func gifIsUnsupportedAndMismatchedFormatIsRefused() throws {
        let gif = TestImages.gif(width: 1, height: 1, palette: [.black, .white, .black, .white], indices: [0])
        do {
            _ = try ImageMetadata.embedding("{}", in: gif, format: .gif)
            Issue.record("GIF metadata embedded")
        } catch {
            #expect(error.kind == .unsupported)
        }
        #expect(ImageMetadata.read(from: gif) == nil)
        #expect(ImageMetadata.stripping(from: gif) == gif)
        #expect(throws: ImageError.self) { try ImageMetadata.embedding("{}", in: try TestImages.encoded(.png).bytes, format: .jpeg) }
    }

    @Test func xmlEscapingRoundTrips() {
        let text = "a & b < c > d \" ' \r\n\t \u{1} 😀"
        #expect(XMPPacket.unescape(XMPPacket.escape(text)) == text)
        #expect(XMPPacket.escape("<&>") == "&lt;&amp;&gt;")
        #expect(XMPPacket.unescape("&#x41;&#66;&quot;&bogus;&") == "AB\"&bogus;&")
    }

    private func occurrences(of word: String, in data: Data) -> Int {
        var count = 0, from = data.startIndex
        while let r = data.range(of: Data(word.utf8), in: from..<data.endIndex) { count += 1; from = r.upperBound }
        return count
    }
}
