extension PixelBuffer {
    /// True when every pixel's alpha is 255.
    var isOpaque: Bool {
        pixels.withUnsafeBufferPointer { px in
            var i = 3
            while i < px.count {
                if px[i] != 255 { return false }
                i += 4
            }
            return true
        }
    }

    /// RGB8 bytes (3 per pixel) with each pixel composited over `background` by its alpha.
    func flattenedRGB(over background: RGBA) -> [UInt8] {
        let count = width * height
        let bg = (UInt32(background.r), UInt32(background.g), UInt32(background.b))
        return [UInt8](unsafeUninitializedCapacity: count * 3) { out, initialized in
            pixels.withUnsafeBufferPointer { px in
                for p in 0..<count {
                    let a = UInt32(px[4 * p + 3]), ia = 255 - a
                    out[3 * p] = UInt8((UInt32(px[4 * p]) * a + bg.0 * ia + 127) / 255)
                    out[3 * p + 1] = UInt8((UInt32(px[4 * p + 1]) * a + bg.1 * ia + 127) / 255)
                    out[3 * p + 2] = UInt8((UInt32(px[4 * p + 2]) * a + bg.2 * ia + 127) / 255)
                }
            }
            initialized = count * 3
        }
    }
}
