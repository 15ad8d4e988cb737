import CImageShim
import CPNG
import Foundation

/// PNG through libpng's simplified `png_image_*` API, which reports errors by return value
/// (the classic API longjmps, which Swift must not).
enum PNGCodec {
    /// Decodes every row of `data`, keeping one row at a time, and returns the decoded size.
    /// Validation used to decode the whole image into a buffer it then dropped: 6 MB of freshly
    /// mapped pages per 1536x1024 answer, most of the time a received image spent in validation.
    static func validate(_ data: Data) throws(ImageError) -> (width: Int, height: Int) {
        let size = try data.withImageBytes { raw throws(ImageError) -> (width: Int, height: Int) in
            var width: UInt32 = 0, height: UInt32 = 0
            var said = [CChar](repeating: 0, count: Int(LIMN_PNG_MESSAGE))
            let ok = said.withUnsafeMutableBufferPointer { message in
                limn_png_validate(raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count, &width, &height,
                                  message.baseAddress)
            }
            guard ok != 0 else {
                throw failure(said.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
            }
            return (Int(width), Int(height))
        }
        // libpng stops reading after the last IDAT; a file cut short after that still lacks IEND.
        guard data.withUnsafeBytes({ PNGChunk.walk($0).complete }) else {
            throw ImageError(.truncated, "PNG data is truncated: the pixels are complete but the file ends before its IEND chunk")
        }
        return size
    }

    /// Decodes `data` to RGBA8.
    static func decode(_ data: Data) throws(ImageError) -> PixelBuffer {
        try read(data) { image throws(ImageError) in
            let stride = try rowStride(image, format: shim_PNG_FORMAT_RGBA)
            let (width, height) = (Int(image.width), Int(image.height))
            image.format = shim_PNG_FORMAT_RGBA
            var ok = false
            let pixels = [UInt8](unsafeUninitializedCapacity: stride * height) { buffer, count in
                ok = png_image_finish_read(&image, nil, buffer.baseAddress, Int32(stride), nil) != 0
                count = ok ? stride * height : 0
            }
            guard ok else { throw failure(&image) }
            return PixelBuffer(width: width, height: height, pixels: pixels)
        }
    }

    /// Encodes RGBA8 pixels; `fast` stores the data uncompressed (for incompressible images).
    static func encode(_ pixels: PixelBuffer, fast: Bool) throws(ImageError) -> Data {
        if fast { return try StoredPNGWriter.encode(pixels) }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(pixels.width)
        image.height = UInt32(pixels.height)
        image.format = shim_PNG_FORMAT_RGBA
        image.flags = 0
        // Deflate never grows data by more than a few bytes per 16 KB block; one pass into a buffer
        // this size avoids libpng's "measure, then write again" double compression.
        let raw = pixels.height * (pixels.width * 4 + 1)
        var capacity = raw + raw / 64 + 4096
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        let ok = pixels.pixels.withUnsafeBytes { px in
            png_image_write_to_memory(&image, buffer, &capacity, 0, px.baseAddress, Int32(pixels.width * 4), nil) != 0
        }
        guard ok else {
            throw ImageError(.encode, "PNG encoding failed: libpng said '\(message(&image))'")
        }
        return Data(bytes: buffer, count: capacity)
    }

    /// Starts libpng's reader on `data` and hands the image header to `finish`, which must call
    /// `png_image_finish_read` (that frees libpng's state) or throw.
    private static func read<R>(
        _ data: Data, _ finish: (inout png_image) throws(ImageError) -> R
    ) throws(ImageError) -> R {
        try data.withImageBytes { raw throws(ImageError) -> R in
            var image = png_image()
            image.version = UInt32(PNG_IMAGE_VERSION)
            guard png_image_begin_read_from_memory(&image, raw.baseAddress, raw.count) != 0 else {
                throw failure(&image)
            }
            do throws(ImageError) {
                return try finish(&image)
            } catch {
                png_image_free(&image)   // a no-op when libpng already freed it on its own error
                throw error
            }
        }
    }

    private static func rowStride(_ image: png_image, format: UInt32) throws(ImageError) -> Int {
        let stride = Int(image.width) * Int(shim_png_channels(format))
        guard stride <= Int(Int32.max) else {
            throw ImageError(.tooLarge, "PNG rows of \(image.width) pixels are too wide to decode")
        }
        return stride
    }

    private static func message(_ image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    /// The error libpng left in `image.message`, classified.
    private static func failure(_ image: inout png_image) -> ImageError {
        failure(message(&image))
    }

    /// libpng's error message, classified.
    private static func failure(_ said: String) -> ImageError {
        let lower = said.lowercased()
        if lower.contains("end of data") || lower.contains("not enough image data") || lower.contains("truncated") {
            return ImageError(.truncated, "PNG data is truncated: libpng said '\(said)'")
        }
        if lower.contains("exceeds user limit") {
            return ImageError(.tooLarge, "PNG is too large: libpng said '\(said)'")
        }
        return ImageError(.corrupt, "PNG data is corrupt: libpng said '\(said)'")
    }
}
