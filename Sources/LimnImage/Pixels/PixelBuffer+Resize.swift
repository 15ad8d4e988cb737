extension PixelBuffer {
    /// A copy scaled to `width`×`height`.
    ///
    /// Each axis that shrinks is box-filtered (every source pixel counts), each that grows is
    /// bilinear. Colour is weighted by alpha, so transparent pixels do not bleed into their neighbours.
    public func resized(width newWidth: Int, height newHeight: Int) -> PixelBuffer {
        precondition(newWidth > 0 && newHeight > 0, "resized needs a positive size")
        if newWidth == width && newHeight == height { return self }
        let rows = horizontalPass(ResampleTaps(source: width, target: newWidth))
        let result = Self.verticalPass(rows, width: newWidth, ResampleTaps(source: height, target: newHeight))
        return PixelBuffer(width: newWidth, height: newHeight, pixels: result)
    }

    /// Premultiplied floats (r·a, g·a, b·a, a), `height` rows of `taps`' target width.
    private func horizontalPass(_ taps: ResampleTaps) -> [Float] {
        let (sourceWidth, newWidth) = (width, taps.targetCount)
        let count = height * newWidth * 4
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            pixels.withUnsafeBufferPointer { px in
                taps.withUnsafeTaps { offsets, sources, weights in
                    for y in 0..<height {
                        let inRow = y * sourceWidth * 4, outRow = y * newWidth * 4
                        for x in 0..<newWidth {
                            var r: Float = 0, g: Float = 0, b: Float = 0, a: Float = 0
                            for t in offsets[x]..<offsets[x + 1] {
                                let i = inRow + sources[t] * 4
                                let wa = weights[t] * Float(px[i + 3])
                                r += wa * Float(px[i]); g += wa * Float(px[i + 1]); b += wa * Float(px[i + 2]); a += wa
                            }
                            let o = outRow + x * 4
                            out[o] = r; out[o + 1] = g; out[o + 2] = b; out[o + 3] = a
                        }
                    }
                }
            }
            initialized = count
        }
    }

    /// Resamples the rows vertically and un-premultiplies into RGBA8.
    private static func verticalPass(_ rows: [Float], width: Int, _ taps: ResampleTaps) -> [UInt8] {
        let count = width * taps.targetCount * 4
        return [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            rows.withUnsafeBufferPointer { src in
                taps.withUnsafeTaps { offsets, sources, weights in
                    for y in 0..<taps.targetCount {
                        for x in 0..<width {
                            var r: Float = 0, g: Float = 0, b: Float = 0, a: Float = 0
                            for t in offsets[y]..<offsets[y + 1] {
                                let i = (sources[t] * width + x) * 4, w = weights[t]
                                r += w * src[i]; g += w * src[i + 1]; b += w * src[i + 2]; a += w * src[i + 3]
                            }
                            let o = (y * width + x) * 4
                            let scale: Float = a > 0 ? 1 / a : 0
                            out[o] = byte(r * scale); out[o + 1] = byte(g * scale); out[o + 2] = byte(b * scale)
                            out[o + 3] = byte(a)
                        }
                    }
                }
            }
            initialized = count
        }
    }

    private static func byte(_ value: Float) -> UInt8 {
        UInt8(min(max(value.rounded(), 0), 255))
    }
}
