extension PixelBuffer {
    /// Draws palette indices (`width`×`height`, row-major) with their top-left corner at (`x`, `y`),
    /// clipped to the buffer; clear palette entries leave the pixel underneath alone.
    mutating func draw(indices: [UInt8], width w: Int, height h: Int, atX x: Int, y: Int, palette: [RGBA]) {
        precondition(palette.count == 256 && indices.count == w * h, "palette must have 256 entries")
        let (canvasWidth, canvasHeight) = (width, height)
        // A frame may sit wholly off the canvas (its left edge past the screen's width): nothing
        // to draw, and no range to form from bounds the wrong way round (found by FuzzGIF).
        let (left, right) = (max(0, x), min(canvasWidth, x + w))
        guard left < right else { return }
        let columns = left..<right
        pixels.withUnsafeMutableBufferPointer { out in
            indices.withUnsafeBufferPointer { src in
                for row in max(0, y)..<max(max(0, y), min(canvasHeight, y + h)) {
                    for column in columns {
                        let colour = palette[Int(src[(row - y) * w + column - x])]
                        guard colour.a != 0 else { continue }
                        let o = (row * canvasWidth + column) * 4
                        out[o] = colour.r; out[o + 1] = colour.g; out[o + 2] = colour.b; out[o + 3] = colour.a
                    }
                }
            }
        }
    }
}
