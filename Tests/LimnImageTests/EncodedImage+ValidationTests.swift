import Foundation
import Testing
@testable import LimnImage

@Suite struct EncodedImageValidationTests {
    static let writable: [ImageFormat] = [.png, .jpeg, .webp]

    @Test(arguments: writable)
    func sniffsFormatAndReadsSizeFromHeader(format: ImageFormat) throws {
        let image = try TestImages.encoded(format, width: 37, height: 21)
        let header = try ImageHeader.read(image.bytes)
        #expect(header == ImageHeader(format: format, width: 37, height: 21))
        let validated = try EncodedImage(validating: image.bytes)
        #expect(validated.format == format && validated.width == 37 && validated.height == 21)
        #expect(validated.bytes == image.bytes)
    }

    @Test func sniffsGIF() throws {
        let gif = TestImages.gif(width: 3, height: 2, palette: [.black, .white, RGBA(255, 0, 0), RGBA(0, 0, 255)],
                                 indices: [0, 1, 2, 3, 2, 1])
        let image = try EncodedImage(validating: gif)
        #expect(image.format == .gif && image.width == 3 && image.height == 2)
        #expect(image.mime == "image/gif")
    }

    @Test func garbageIsUnknownFormat() {
        for junk in [Data(), Data("hello, world".utf8), Data(repeating: 0xAB, count: 4096), Data("<html>".utf8)] {
            #expect(throws: ImageError.self) { try EncodedImage(validating: junk) }
            do { _ = try EncodedImage(validating: junk) } catch {
                #expect(error.kind == .unknownFormat)
                #expect(error.message.contains("not an image"))
            }
        }
    }

    @Test(arguments: writable)
    func signatureFollowedByGarbageIsRejected(format: ImageFormat) {
        let signatureLength = [ImageFormat.png: 8, .jpeg: 3, .webp: 12][format] ?? 0
        var data = try! TestImages.encoded(format).bytes.prefix(signatureLength)
        data.append(Data(repeating: 0x5A, count: 2000))
        do {
            _ = try EncodedImage(validating: Data(data))
            Issue.record("\(format) garbage validated")
        } catch {
            #expect([.corrupt, .truncated].contains(error.kind), "\(error)")
        }
    }

    @Test(arguments: [ImageFormat.png, .jpeg, .webp])
    func halfAFileIsTruncated(format: ImageFormat) throws {
        let full = try TestImages.encoded(format, width: 120, height: 90).bytes
        do {
            _ = try EncodedImage(validating: full.prefix(full.count / 2))
            Issue.record("half a \(format) validated")
        } catch {
            #expect(error.kind == .truncated, "\(error)")
            #expect(error.message.contains("truncated"))
        }
    }

    @Test func halfAGIFIsTruncated() {
        let gif = TestImages.gif(width: 40, height: 10, palette: [.black, .white, .black, .white],
                                 indices: (0..<400).map { UInt8($0 % 4) })
        do {
            _ = try EncodedImage(validating: gif.prefix(gif.count / 2))
            Issue.record("half a GIF validated")
        } catch {
            #expect(error.kind == .truncated, "\(error)")
        }
    }

    /// Cut at many points, including just before the end: every cut is `.truncated` (a cut inside
    /// the signature is `.unknownFormat`), and none may crash.
    @Test(arguments: [ImageFormat.png, .jpeg, .webp, .gif])
    func everyCutIsTruncated(format: ImageFormat) throws {
        let full = format == .gif
            ? TestImages.gif(width: 30, height: 30, palette: [.black, .white, .black, .white], indices: (0..<900).map { UInt8($0 % 3) })
            : try TestImages.encoded(format, width: 80, height: 60).bytes
        let cuts = Array(stride(from: 1, to: full.count, by: max(1, full.count / 97))) + (1...12).map { full.count - $0 }
        for cut in cuts {
            do {
                _ = try EncodedImage(validating: full.prefix(cut))
                Issue.record("\(format) cut to \(cut) of \(full.count) bytes validated")
            } catch {
                let expected: ImageError.Kind = cut < 12 && ImageFormat.sniff(full.prefix(cut)) == nil ? .unknownFormat : .truncated
                #expect(error.kind == expected, "\(format) cut to \(cut) of \(full.count): \(error)")
            }
        }
    }

    /// PNG has CRCs and Adler-32, JPEG's Huffman data cannot hold a run of 0xFF, lossless WebP's
    /// prefix codes break. (Lossy VP8 has no redundancy at all, so bit damage inside its partitions
    /// only changes pixels; no decoder can catch that.)
    @Test(arguments: [(ImageFormat.png, nil), (.jpeg, nil), (.webp, 100)] as [(ImageFormat, Int?)])
    func overwrittenImageDataIsCaught(format: ImageFormat, quality: Int?) throws {
        var data = try TestImages.encoded(format, width: 120, height: 90, quality: quality).bytes
        // Overwrite a stretch of the compressed data in the middle of the file.
        let middle = data.startIndex + data.count / 2
        data.replaceSubrange(middle..<middle + 64, with: Data(repeating: 0xFF, count: 64))
        do {
            _ = try EncodedImage(validating: data)
            Issue.record("corrupted \(format) validated")
        } catch {
            #expect([.corrupt, .truncated].contains(error.kind), "\(error)")
        }
    }

    @Test func pngClaimingHugeSizeIsTooLargeBeforeDecoding() {
        // 100000 × 100000 × 4 bytes would be 40 GB: the limit must stop it before libpng allocates.
        let header = TestImages.pngHeader(width: 100_000, height: 100_000)
        do {
            _ = try EncodedImage(validating: header)
            Issue.record("huge PNG validated")
        } catch {
            #expect(error.kind == .tooLarge, "\(error)")
            #expect(error.message.contains("100000x100000"))
        }
    }

    @Test func jpegAndWebPAndGIFHeadersAreCheckedAgainstLimits() throws {
        let limits = ImageLimits(maxPixels: 1000, maxBytes: 1 << 20)
        for format in [ImageFormat.jpeg, .webp] {
            let image = try TestImages.encoded(format, width: 50, height: 50)
            #expect(throws: ImageError(.tooLarge, "image is 50x50 pixels, more than the limit of 1000 pixels (limits.pixels)")) {
                try EncodedImage(validating: image.bytes, limits: limits)
            }
        }
        let gif = TestImages.gif(width: 2, height: 1, palette: [.black, .white, .black, .white], indices: [0, 1],
                                 screenWidth: 60_000, screenHeight: 60_000)
        #expect(throws: ImageError.self) { try EncodedImage(validating: gif) }
        do { _ = try EncodedImage(validating: gif) } catch { #expect(error.kind == .tooLarge) }
    }

    @Test func byteLimitIsChecked() throws {
        let image = try TestImages.encoded(.png)
        do {
            _ = try EncodedImage(validating: image.bytes, limits: ImageLimits(maxPixels: 1 << 30, maxBytes: 100))
            Issue.record("over-limit bytes validated")
        } catch {
            #expect(error.kind == .tooLarge)
        }
        #expect(try EncodedImage(validating: image.bytes, limits: ImageLimits(maxPixels: 64 * 48, maxBytes: image.bytes.count)).width == 64)
    }

    @Test func worksOnDataSlices() throws {
        let image = try TestImages.encoded(.jpeg)
        let padded = Data([1, 2, 3]) + image.bytes + Data([4, 5])
        let slice = padded[padded.startIndex + 3..<padded.endIndex - 2]
        let validated = try EncodedImage(validating: slice)
        #expect(validated.sha256 == image.sha256)
        #expect(try validated.decode() == image.decode())
    }
}
