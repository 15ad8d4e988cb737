import CWebP
import Foundation

/// WebP through libwebp's decoder (advanced API, for its status codes) and simple encoder.
enum WebPCodec {
    /// Decodes `data` fully, without keeping the pixels, and returns the decoded size.
    static func validate(_ data: Data) throws(ImageError) -> (width: Int, height: Int) {
        try data.withImageBytes { raw throws(ImageError) -> (width: Int, height: Int) in
            let (width, height) = try features(raw)
            let count = width * height * 4
            let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
            defer { buffer.deallocate() }
            try decode(raw, into: buffer, count: count, stride: width * 4)
            return (width, height)
        }
    }

    /// Decodes `data` to RGBA8 (straight alpha).
    static func decode(_ data: Data) throws(ImageError) -> PixelBuffer {
        try data.withImageBytes { raw throws(ImageError) -> PixelBuffer in
            let (width, height) = try features(raw)
            let count = width * height * 4
            var failure: ImageError?
            let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                do throws(ImageError) {
                    if let base = buffer.baseAddress { try decode(raw, into: base, count: count, stride: width * 4) }
                    initialized = count
                } catch {
                    failure = error
                    initialized = 0
                }
            }
            if let failure { throw failure }
            return PixelBuffer(width: width, height: height, pixels: pixels)
        }
    }

    /// Encodes RGBA8 pixels; quality 100 means lossless.
    static func encode(_ pixels: PixelBuffer, quality: Int) throws(ImageError) -> Data {
        if quality >= 100 { return try encodeLossless(pixels) }
        var output: UnsafeMutablePointer<UInt8>?
        defer { if let output { WebPFree(output) } }
        let size = pixels.pixels.withUnsafeBufferPointer { px in
            WebPEncodeRGBA(px.baseAddress, Int32(pixels.width), Int32(pixels.height), Int32(pixels.width * 4),
                           Float(quality), &output)
        }
        guard size > 0, let output else { throw encodeFailure(pixels, detail: nil) }
        return Data(bytes: output, count: size)
    }

    /// Lossless with `exact` set: `WebPEncodeLosslessRGBA` would rewrite the colour under fully
    /// transparent pixels, so decoding would not give back the same buffer.
    private static func encodeLossless(_ pixels: PixelBuffer) throws(ImageError) -> Data {
        var config = WebPConfig()
        var picture = WebPPicture()
        guard WebPConfigInit(&config) != 0, WebPPictureInit(&picture) != 0 else {
            throw ImageError(.encode, "WebP encoding failed: libwebp's encoder version does not match its header")
        }
        config.lossless = 1
        config.exact = 1
        picture.use_argb = 1
        picture.width = Int32(pixels.width)
        picture.height = Int32(pixels.height)
        defer { WebPPictureFree(&picture) }
        let imported = pixels.pixels.withUnsafeBufferPointer { px in
            WebPPictureImportRGBA(&picture, px.baseAddress, Int32(pixels.width * 4))
        }
        guard imported != 0 else { throw encodeFailure(pixels, detail: "out of memory") }
        var writer = WebPMemoryWriter()
        WebPMemoryWriterInit(&writer)
        defer { WebPMemoryWriterClear(&writer) }
        let ok = withUnsafeMutablePointer(to: &writer) { writerPointer in
            picture.writer = WebPMemoryWrite
            picture.custom_ptr = UnsafeMutableRawPointer(writerPointer)
            return WebPEncode(&config, &picture) != 0
        }
        guard ok, let mem = writer.mem else { throw encodeFailure(pixels, detail: "error code \(picture.error_code.rawValue)") }
        return Data(bytes: mem, count: writer.size)
    }

    private static func encodeFailure(_ pixels: PixelBuffer, detail: String?) -> ImageError {
        let said = detail.map { " (libwebp: \($0))" } ?? ""
        return ImageError(.encode, "WebP encoding failed for a \(pixels.width)x\(pixels.height) image\(said); "
            + "WebP allows at most 16383x16383")
    }

    /// The canvas size libwebp reads from the headers.
    private static func features(_ raw: UnsafeRawBufferPointer) throws(ImageError) -> (Int, Int) {
        var features = WebPBitstreamFeatures()
        let status = WebPGetFeatures(raw.baseAddress, raw.count, &features)
        guard status == VP8_STATUS_OK else { throw failure(status) }
        guard features.has_animation == 0 else {
            throw ImageError(.unsupported, "animated WebP is not supported; ask for a still image or convert it first")
        }
        return (Int(features.width), Int(features.height))
    }

    private static func decode(
        _ raw: UnsafeRawBufferPointer, into buffer: UnsafeMutablePointer<UInt8>, count: Int, stride: Int
    ) throws(ImageError) {
        var config = WebPDecoderConfig()
        guard WebPInitDecoderConfig(&config) != 0 else {
            throw ImageError(.corrupt, "WebP could not be read: libwebp's decoder version does not match its header")
        }
        config.output.colorspace = MODE_RGBA
        config.output.is_external_memory = 1
        config.output.u.RGBA.rgba = buffer
        config.output.u.RGBA.stride = Int32(stride)
        config.output.u.RGBA.size = count
        let status = WebPDecode(raw.baseAddress, raw.count, &config)
        WebPFreeDecBuffer(&config.output)   // frees nothing of ours; required by the API
        guard status == VP8_STATUS_OK else { throw failure(status) }
    }

    private static func failure(_ status: VP8StatusCode) -> ImageError {
        switch status {
        case VP8_STATUS_NOT_ENOUGH_DATA:
            return ImageError(.truncated, "WebP data is truncated: libwebp said 'not enough data'")
        case VP8_STATUS_UNSUPPORTED_FEATURE:
            return ImageError(.unsupported, "WebP uses a feature libwebp cannot decode")
        case VP8_STATUS_OUT_OF_MEMORY:
            return ImageError(.tooLarge, "WebP could not be decoded: libwebp ran out of memory")
        case VP8_STATUS_BITSTREAM_ERROR:
            return ImageError(.corrupt, "WebP data is corrupt: libwebp said 'bitstream error'")
        default:
            return ImageError(.corrupt, "WebP data is corrupt: libwebp returned status \(status.rawValue)")
        }
    }
}
