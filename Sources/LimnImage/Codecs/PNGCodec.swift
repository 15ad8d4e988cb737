import CPNG
import Foundation

/// PNG through libpng's simplified `png_image_*` API, which reports errors by return value
/// (the classic API longjmps, which Swift must not).
enum PNGCodec {
    /// Decodes `data` fully, without keeping the pixels, and returns the decoded size.
    static func validate(_ data: Data) throws(ImageError) -> (width: Int, height: Int) {
        let size = try read(data) { image throws(ImageError) in
            // The file's own channel layout at 8 bits: the least conversion work, at most RGBA's memory.
            let format = image.format & UInt32(PNG_FORMAT_FLAG_ALPHA | PNG_FORMAT_FLAG_COLOR)
            let stride = try rowStride(image, format: format)
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: stride * Int(image.height), alignment: 16)
            defer { buffer.deallocate() }
            image.format = format
            guard png_image_finish_read(&image, nil, buffer, Int32(stride), nil) != 0 else { throw failure(&image) }
            return (Int(image.width), Int(image.height))
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
        let said = message(&image)
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
