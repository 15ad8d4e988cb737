import LimnImage

/// Runs an edit: combines the input images into one canvas, applies the prompt's effect, and keeps
/// the pixels a mask protects.
///
/// Several inputs are cover-fitted into side-by-side tiles of the output; a mask follows OpenAI's
/// convention: the effect lands only where the mask is fully transparent (alpha 0), every other
/// pixel is left byte-identical.
public enum EditComposer {
    /// The edited image. `size` defaults to the first input's size; a mask of another size is
    /// scaled (nearest neighbour) to the output.
    public static func edit(_ inputs: [PixelBuffer], mask: PixelBuffer? = nil, effect: EditEffect,
                            size: (width: Int, height: Int)? = nil, seed: UInt64 = 0) -> PixelBuffer? {
        guard let first = inputs.first else { return nil }
        let width = size?.width ?? first.width, height = size?.height ?? first.height
        let base = combine(inputs, width: width, height: height)
        let edited = effect.apply(to: base, seed: seed)
        guard let mask else { return edited }
        return masked(original: base, edited: edited, mask: mask)
    }

    /// The inputs tiled left to right at `width`×`height` (a single input is just scaled and cropped).
    static func combine(_ inputs: [PixelBuffer], width: Int, height: Int) -> PixelBuffer {
        if inputs.count == 1 { return coverFit(inputs[0], width: width, height: height) }
        let n = min(inputs.count, width)
        var canvas = PixelBuffer(width: width, height: height, fill: .clear)
        for k in 0..<n {
            let x0 = k * width / n, x1 = (k + 1) * width / n
            let tile = coverFit(inputs[k], width: x1 - x0, height: height)
            canvas.pixels.withUnsafeMutableBufferPointer { out in
                tile.pixels.withUnsafeBufferPointer { src in
                    let rowBytes = (x1 - x0) * 4
                    for y in 0..<height {
                        let o = (y * width + x0) * 4, s = y * rowBytes
                        for b in 0..<rowBytes { out[o + b] = src[s + b] }
                    }
                }
            }
        }
        return canvas
    }

    /// `image` scaled to cover `width`×`height` and centre-cropped; unchanged when the size matches.
    static func coverFit(_ image: PixelBuffer, width: Int, height: Int) -> PixelBuffer {
        if image.width == width && image.height == height { return image }
        let scale = max(Double(width) / Double(image.width), Double(height) / Double(image.height))
        let sw = max(width, Int((Double(image.width) * scale).rounded()))
        let sh = max(height, Int((Double(image.height) * scale).rounded()))
        let scaled = image.resized(width: sw, height: sh)
        if sw == width && sh == height { return scaled }
        let ox = (sw - width) / 2, oy = (sh - height) / 2
        var out = [UInt8](repeating: 0, count: width * height * 4)
        for y in 0..<height {
            let s = ((y + oy) * sw + ox) * 4
            out.replaceSubrange((y * width * 4)..<((y + 1) * width * 4), with: scaled.pixels[s..<(s + width * 4)])
        }
        return PixelBuffer(width: width, height: height, pixels: out)
    }

    /// `edited` where the mask's alpha is 0, `original` elsewhere.
    static func masked(original: PixelBuffer, edited: PixelBuffer, mask: PixelBuffer) -> PixelBuffer {
        let w = original.width, h = original.height
        var alpha = [UInt8](repeating: 0, count: mask.width * mask.height)
        for i in 0..<alpha.count { alpha[i] = mask.pixels[i * 4 + 3] }
        alpha = PixelOps.resizeNearest(alpha, width: mask.width, height: mask.height, to: w, h)
        var out = original.pixels
        out.withUnsafeMutableBufferPointer { o in
            edited.pixels.withUnsafeBufferPointer { e in
                for i in 0..<(w * h) where alpha[i] == 0 {
                    let j = i * 4
                    o[j] = e[j]; o[j + 1] = e[j + 1]; o[j + 2] = e[j + 2]; o[j + 3] = e[j + 3]
                }
            }
        }
        return PixelBuffer(width: w, height: h, pixels: out)
    }
}
