import CGIF
import Foundation

/// GIF through giflib's record-level decoder, reading from memory.
///
/// Frames are read one line at a time into a reused row buffer rather than with `DGifSlurp`,
/// which would hold every frame's pixels at once and cannot check each frame against the limits
/// before allocating it.
enum GIFCodec {
    /// Decodes every frame, without keeping pixels, and returns the logical screen size.
    static func validate(_ data: Data, limits: ImageLimits) throws(ImageError) -> (width: Int, height: Int) {
        try withDecoder(data) { gif throws(ImageError) in
            var row = [GifPixelType]()
            // LZW packs up to ~2700 pixels a byte: a small file can hold many huge frames, so the
            // pixels read across all frames are capped too.
            var total = 0
            let budget = limits.maxPixels.multipliedReportingOverflow(by: 4)
            try forEachFrame(gif, stopAfterFirst: false) { frame, _ throws(ImageError) in
                let desc = gif.pointee.Image
                try limits.check(width: Int(desc.Width), height: Int(desc.Height), what: "GIF frame \(frame + 1)")
                // decode() needs a colour table for the frame it draws; without one the file is
                // refused here rather than accepted and then undecodable (found by FuzzGIF).
                guard desc.ColorMap != nil || gif.pointee.SColorMap != nil else {
                    throw ImageError(.corrupt, "GIF data is corrupt: frame \(frame + 1) has no colour table and the file has no global one")
                }
                total += Int(desc.Width) * Int(desc.Height)
                if !budget.overflow, total > budget.partialValue {
                    throw ImageError(.tooLarge, "GIF frames 1 to \(frame + 1) hold \(total) pixels in all, more than 4 × the limit of "
                        + "\(limits.maxPixels) pixels (limits.pixels)")
                }
                if row.count < Int(desc.Width) { row = [GifPixelType](repeating: 0, count: Int(desc.Width)) }
                for _ in 0..<desc.Height {
                    guard DGifGetLine(gif, &row, desc.Width) == GIF_OK else { throw failure(gif.pointee.Error, "in frame \(frame + 1)") }
                }
            }
            return (Int(gif.pointee.SWidth), Int(gif.pointee.SHeight))
        }
    }

    /// Decodes the first frame onto a transparent canvas the size of the logical screen.
    static func decode(_ data: Data) throws(ImageError) -> PixelBuffer {
        try withDecoder(data) { gif throws(ImageError) in
            var canvas = PixelBuffer(width: Int(gif.pointee.SWidth), height: Int(gif.pointee.SHeight))
            try forEachFrame(gif, stopAfterFirst: true) { frame, control throws(ImageError) in
                let desc = gif.pointee.Image
                let (width, height) = (Int(desc.Width), Int(desc.Height))
                guard let colorMap = desc.ColorMap ?? gif.pointee.SColorMap else {
                    throw ImageError(.corrupt, "GIF data is corrupt: the first frame has no colour table")
                }
                var indices = [GifPixelType](repeating: 0, count: width * height)
                for y in rowOrder(height: height, interlaced: desc.Interlace) {
                    let ok = indices.withUnsafeMutableBufferPointer { px in
                        DGifGetLine(gif, px.baseAddress.map { $0 + y * width }, desc.Width) == GIF_OK
                    }
                    guard ok else { throw failure(gif.pointee.Error, "in frame \(frame + 1)") }
                }
                let palette = self.palette(colorMap.pointee, transparent: Int(control?.TransparentColor ?? NO_TRANSPARENT_COLOR))
                canvas.draw(indices: indices, width: width, height: height,
                            atX: Int(desc.Left), y: Int(desc.Top), palette: palette)
            }
            return canvas
        }
    }

    /// Rows in the order the file stores them: interlaced GIFs send every 8th row, then the 4th, …
    private static func rowOrder(height: Int, interlaced: Bool) -> [Int] {
        guard interlaced else { return Array(0..<height) }
        return [(0, 8), (4, 8), (2, 4), (1, 2)].flatMap { start, step in Array(stride(from: start, to: height, by: step)) }
    }

    /// 256 entries; indices past the table and the transparent index are clear.
    private static func palette(_ map: ColorMapObject, transparent: Int) -> [RGBA] {
        var palette = [RGBA](repeating: .clear, count: 256)
        for i in 0..<min(Int(map.ColorCount), 256) where i != transparent {
            let c = map.Colors[i]
            palette[i] = RGBA(c.Red, c.Green, c.Blue)
        }
        return palette
    }

    /// Reads records until the trailer (or the first frame), calling `frame` after each image
    /// descriptor with the graphics control block that preceded it; `frame` must read the lines.
    private static func forEachFrame(
        _ gif: UnsafeMutablePointer<GifFileType>, stopAfterFirst: Bool,
        _ frame: (Int, GraphicsControlBlock?) throws(ImageError) -> Void
    ) throws(ImageError) {
        var control: GraphicsControlBlock?
        var frames = 0
        while true {
            var type = UNDEFINED_RECORD_TYPE
            let place = frames == 0 ? "before the first frame" : "after frame \(frames)"
            guard DGifGetRecordType(gif, &type) == GIF_OK else { throw failure(gif.pointee.Error, place) }
            switch type {
            case IMAGE_DESC_RECORD_TYPE:
                guard DGifGetImageDesc(gif) == GIF_OK else { throw failure(gif.pointee.Error, "in frame \(frames + 1)") }
                guard gif.pointee.Image.Width > 0, gif.pointee.Image.Height > 0 else {
                    throw ImageError(.corrupt, "GIF data is corrupt: frame \(frames + 1) is empty")
                }
                try frame(frames, control)
                frames += 1
                control = nil
                if stopAfterFirst { return }
            case EXTENSION_RECORD_TYPE:
                var code: Int32 = 0
                var block: UnsafeMutablePointer<GifByteType>?
                guard DGifGetExtension(gif, &code, &block) == GIF_OK else { throw failure(gif.pointee.Error, place) }
                if code == GRAPHICS_EXT_FUNC_CODE, let block {
                    var gcb = GraphicsControlBlock()
                    if DGifExtensionToGCB(Int(block[0]), block + 1, &gcb) == GIF_OK { control = gcb }
                }
                while block != nil {
                    guard DGifGetExtensionNext(gif, &block) == GIF_OK else { throw failure(gif.pointee.Error, place) }
                }
            case TERMINATE_RECORD_TYPE:
                guard frames > 0 else { throw ImageError(.corrupt, "GIF data is corrupt: it holds no image") }
                return
            default:
                throw ImageError(.corrupt, "GIF data is corrupt: unexpected record after frame \(frames)")
            }
        }
    }

    /// Where giflib's read callback finds the bytes.
    private struct MemorySource {
        var base: UnsafePointer<UInt8>?
        var count: Int
        var offset: Int
    }

    private static func withDecoder<R>(
        _ data: Data, _ body: (UnsafeMutablePointer<GifFileType>) throws(ImageError) -> R
    ) throws(ImageError) -> R {
        try data.withImageBytes { raw throws(ImageError) -> R in
            let source = UnsafeMutablePointer<MemorySource>.allocate(capacity: 1)
            source.initialize(to: MemorySource(base: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count, offset: 0))
            defer { source.deallocate() }
            var error: Int32 = 0
            let opened = DGifOpen(source, { gif, out, wanted in
                guard let out, let src = gif?.pointee.UserData?.assumingMemoryBound(to: MemorySource.self),
                      let base = src.pointee.base else { return 0 }
                let n = min(Int(wanted), src.pointee.count - src.pointee.offset)
                guard n > 0 else { return 0 }
                out.update(from: base + src.pointee.offset, count: n)
                src.pointee.offset += n
                return Int32(n)
            }, &error)
            guard let gif = opened else { throw failure(error, "in the header") }
            defer { DGifCloseFile(gif, nil) }
            return try body(gif)
        }
    }

    /// A giflib error code, classified.
    private static func failure(_ code: Int32, _ location: String) -> ImageError {
        let said = GifErrorString(code).map { String(cString: $0) } ?? "error \(code)"
        let place = " (\(location))"
        switch code {
        // The header reader has seen the 13-byte screen descriptor, so giflib failing on it means
        // the global colour table after it is cut short.
        case D_GIF_ERR_READ_FAILED, D_GIF_ERR_EOF_TOO_SOON, D_GIF_ERR_NO_SCRN_DSCR:
            return ImageError(.truncated, "GIF data is truncated\(place): giflib said '\(said)'")
        case D_GIF_ERR_NOT_ENOUGH_MEM:
            return ImageError(.tooLarge, "GIF is too large to decode\(place): giflib said '\(said)'")
        default:
            return ImageError(.corrupt, "GIF data is corrupt\(place): giflib said '\(said)'")
        }
    }
}
