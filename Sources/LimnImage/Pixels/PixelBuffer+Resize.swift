extension PixelBuffer {
    /// A copy scaled to `width`×`height`.
    ///
    /// Each axis that shrinks is box-filtered (every source pixel counts), each that grows is
    /// bilinear. Colour is weighted by alpha, so transparent pixels do not bleed into their neighbours.
    public func resized(width newWidth: Int, height newHeight: Int) -> PixelBuffer {
        precondition(newWidth > 0 && newHeight > 0, "resized needs a positive size")
        if newWidth == width && newHeight == height { return self }
        let xTaps = ResampleTaps(source: width, target: newWidth)
        let yTaps = ResampleTaps(source: height, target: newHeight)
        let (sourceWidth, sourceHeight) = (width, height)

        // Pass 1, horizontal: premultiplied floats (r·a, g·a, b·a, a), sourceHeight × newWidth.
        var rows = [Float](repeating: 0, count: sourceHeight * newWidth * 4)
        rows.withUnsafeMutableBufferPointer { out in
            pixels.withUnsafeBufferPointer { px in
                for y in 0..<sourceHeight {
                    let inRow = y * sourceWidth * 4, outRow = y * newWidth * 4
                    for x in 0..<newWidth {
                        var r: Float = 0, g: Float = 0, b: Float = 0, a: Float = 0
                        for t in xTaps.offsets[x]..<xTaps.offsets[x + 1] {
                            let i = inRow + xTaps.sources[t] * 4
                            let wa = xTaps.weights[t] * Float(px[i + 3])
                            r += wa * Float(px[i]); g += wa * Float(px[i + 1]); b += wa * Float(px[i + 2]); a += wa
                        }
                        let o = outRow + x * 4
                        out[o] = r; out[o + 1] = g; out[o + 2] = b; out[o + 3] = a
                    }
                }
            }
        }

        // Pass 2, vertical, then un-premultiply into bytes.
        let result = [UInt8](unsafeUninitializedCapacity: newWidth * newHeight * 4) { out, initialized in
            rows.withUnsafeBufferPointer { src in
                for y in 0..<newHeight {
                    for x in 0..<newWidth {
                        var r: Float = 0, g: Float = 0, b: Float = 0, a: Float = 0
                        for t in yTaps.offsets[y]..<yTaps.offsets[y + 1] {
                            let i = (yTaps.sources[t] * newWidth + x) * 4, w = yTaps.weights[t]
                            r += w * src[i]; g += w * src[i + 1]; b += w * src[i + 2]; a += w * src[i + 3]
                        }
                        let o = (y * newWidth + x) * 4
                        let scale: Float = a > 0 ? 1 / a : 0
                        out[o] = Self.byte(r * scale); out[o + 1] = Self.byte(g * scale); out[o + 2] = Self.byte(b * scale)
                        out[o + 3] = Self.byte(a)
                    }
                }
            }
            initialized = newWidth * newHeight * 4
        }
        return PixelBuffer(width: newWidth, height: newHeight, pixels: result)
    }

    private static func byte(_ value: Float) -> UInt8 {
        UInt8(min(max(value.rounded(), 0), 255))
    }
}
