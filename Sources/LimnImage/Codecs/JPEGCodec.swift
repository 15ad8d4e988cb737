import CTurboJPEG
import Foundation

/// JPEG through TurboJPEG 2.1 (`tj*`; Debian bookworm has no `tj3*`), which catches libjpeg's
/// longjmp errors internally and reports them by return value.
enum JPEGCodec {
    /// Stop at the first libjpeg warning ("Premature end of JPEG file" is one) and refuse
    /// progressive files with an absurd number of scans.
    private static let strict = TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS

    /// Decodes `data` fully, without keeping the pixels, and returns the size from the header.
    ///
    /// Decodes at 1/8 scale: libjpeg still entropy-decodes every coefficient, so truncation and
    /// corrupt data are caught, but the output is 1/64 of full size and the IDCT nearly free.
    static func validate(_ data: Data) throws(ImageError) -> (width: Int, height: Int) {
        try withDecoder(data) { handle, jpeg, size throws(ImageError) in
            let header = try readHeader(handle, jpeg, size)
            let (width, height) = ((header.width + 7) / 8, (header.height + 7) / 8)
            // Grey is the cheapest output; libjpeg cannot convert CMYK to it, so those stay CMYK.
            let (format, channels) = header.isCMYK ? (TJPF_CMYK, 4) : (TJPF_GRAY, 1)
            let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: width * height * channels)
            defer { buffer.deallocate() }
            guard tjDecompress2(handle, jpeg, size, buffer, Int32(width), 0, Int32(height),
                                Int32(format.rawValue), strict | TJFLAG_FASTDCT) == 0 else {
                throw failure(handle)
            }
            return (header.width, header.height)
        }
    }

    /// Decodes `data` to RGBA8 (alpha 255); CMYK files are converted as Adobe writes them (inverted).
    static func decode(_ data: Data) throws(ImageError) -> PixelBuffer {
        try withDecoder(data) { handle, jpeg, size throws(ImageError) in
            let header = try readHeader(handle, jpeg, size)
            let count = header.width * header.height * 4
            var ok = false
            var pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                let format = header.isCMYK ? TJPF_CMYK : TJPF_RGBA
                ok = tjDecompress2(handle, jpeg, size, buffer.baseAddress, Int32(header.width), 0,
                                   Int32(header.height), Int32(format.rawValue), strict) == 0
                initialized = ok ? count : 0
            }
            guard ok else { throw failure(handle) }
            if header.isCMYK { convertInvertedCMYKToRGBA(&pixels) }
            return PixelBuffer(width: header.width, height: header.height, pixels: pixels)
        }
    }

    /// Encodes RGBA8 pixels at `quality` (1–100); alpha is flattened onto white.
    ///
    /// Chroma is kept at full resolution (4:4:4) from quality 90 up, where the eye would notice
    /// 4:2:0's colour bleeding on sharp edges, and halved (4:2:0) below.
    static func encode(_ pixels: PixelBuffer, quality: Int) throws(ImageError) -> Data {
        guard let handle = tjInitCompress() else {
            throw ImageError(.encode, "JPEG encoding failed: TurboJPEG could not start")
        }
        defer { tjDestroy(handle) }
        let opaque = pixels.isOpaque
        let source = opaque ? pixels.pixels : pixels.flattenedRGB(over: .white)
        let format = opaque ? TJPF_RGBX : TJPF_RGB
        let subsampling = quality >= 90 ? TJSAMP_444 : TJSAMP_420
        var output: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        defer { if let output { tjFree(output) } }
        let status = source.withUnsafeBufferPointer { src in
            tjCompress2(handle, src.baseAddress, Int32(pixels.width), 0, Int32(pixels.height), Int32(format.rawValue),
                        &output, &size, Int32(subsampling.rawValue), Int32(quality), 0)
        }
        guard status == 0, let output else {
            throw ImageError(.encode, "JPEG encoding failed: TurboJPEG said '\(errorText(handle))'")
        }
        return Data(bytes: output, count: Int(size))
    }

    private struct Header { let width: Int, height: Int, isCMYK: Bool }

    private static func readHeader(_ handle: tjhandle, _ jpeg: UnsafePointer<UInt8>, _ size: UInt) throws(ImageError) -> Header {
        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
        guard tjDecompressHeader3(handle, jpeg, size, &width, &height, &subsampling, &colorspace) == 0 else {
            // libjpeg's memory source turns a cut header into a fake end marker and then reports a
            // missing SOS; our own walk over the segments tells whether the data simply ran out.
            let stop = JPEGSegment.walk(UnsafeRawBufferPointer(start: jpeg, count: Int(size))).stop
            if stop == .endOfData {
                throw ImageError(.truncated, "JPEG data is truncated: it ends inside the header, before the first scan")
            }
            throw failure(handle)
        }
        let cmyk = colorspace == Int32(TJCS_CMYK.rawValue) || colorspace == Int32(TJCS_YCCK.rawValue)
        return Header(width: Int(width), height: Int(height), isCMYK: cmyk)
    }

    private static func withDecoder<R>(
        _ data: Data, _ body: (tjhandle, UnsafePointer<UInt8>, UInt) throws(ImageError) -> R
    ) throws(ImageError) -> R {
        try data.withImageBytes { raw throws(ImageError) -> R in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
                throw ImageError(.truncated, "JPEG data is empty")
            }
            guard let handle = tjInitDecompress() else {
                throw ImageError(.corrupt, "JPEG could not be read: TurboJPEG could not start")
            }
            defer { tjDestroy(handle) }
            return try body(handle, base, UInt(raw.count))
        }
    }

    private static func errorText(_ handle: tjhandle) -> String {
        guard let text = tjGetErrorStr2(handle) else { return "unknown error" }
        return String(cString: text)
    }

    /// The error TurboJPEG recorded on `handle`, classified.
    private static func failure(_ handle: tjhandle) -> ImageError {
        let said = errorText(handle)
        let lower = said.lowercased()
        if lower.contains("premature end") || lower.contains("empty input") {
            return ImageError(.truncated, "JPEG data is truncated: libjpeg said '\(said)'")
        }
        if lower.contains("unsupported") || lower.contains("not supported") {
            return ImageError(.unsupported, "JPEG uses a feature Limn cannot decode: libjpeg said '\(said)'")
        }
        return ImageError(.corrupt, "JPEG data is corrupt: libjpeg said '\(said)'")
    }

    /// In place: Adobe CMYK JPEGs store inverted ink values, so R = C·K/255 and so on.
    private static func convertInvertedCMYKToRGBA(_ pixels: inout [UInt8]) {
        pixels.withUnsafeMutableBufferPointer { px in
            for i in stride(from: 0, to: px.count, by: 4) {
                let k = UInt32(px[i + 3])
                px[i] = UInt8((UInt32(px[i]) * k + 127) / 255)
                px[i + 1] = UInt8((UInt32(px[i + 1]) * k + 127) / 255)
                px[i + 2] = UInt8((UInt32(px[i + 2]) * k + 127) / 255)
                px[i + 3] = 255
            }
        }
    }
}
