/// Building blocks for the edit effects, on raw RGBA8 bytes: blurs, luma, per-pixel maps, resampling.
/// Loops go through unsafe buffer pointers so debug builds stay usable on 1024² images.
enum PixelOps {
    /// A separable box blur of the colour channels (alpha untouched), `passes` times; three passes
    /// approximate a Gaussian of sigma ≈ radius.
    static func boxBlur(_ pixels: [UInt8], width: Int, height: Int, radius: Int, passes: Int = 3) -> [UInt8] {
        guard radius > 0 else { return pixels }
        // Both buffers start as copies of the input, so alpha is already right in each.
        var a = pixels
        var b = pixels
        a.withUnsafeMutableBufferPointer { pa in
            b.withUnsafeMutableBufferPointer { pb in
                guard let ra = pa.baseAddress, let rb = pb.baseAddress else { return }
                for _ in 0..<passes {
                    blurPass(from: ra, into: rb, count: height, length: width, step: 4, lineStride: width * 4, radius: radius)
                    blurPass(from: rb, into: ra, count: width, length: height, step: width * 4, lineStride: 4, radius: radius)
                }
            }
        }
        return a
    }

    /// One 1-D running-sum pass over `count` lines of `length` pixels; `step` is the byte distance
    /// between neighbours on a line, `lineStride` between line starts. Edges are clamped.
    private static func blurPass(from s: UnsafeMutablePointer<UInt8>, into t: UnsafeMutablePointer<UInt8>, count: Int,
                                 length: Int, step: Int, lineStride: Int, radius: Int) {
        let window = 2 * radius + 1, half = window / 2, last = length - 1
        for line in 0..<count {
            let base = line * lineStride
            var r = 0, g = 0, b = 0
            for k in -radius...radius {
                let o = base + min(max(k, 0), last) * step
                r &+= Int(s[o]); g &+= Int(s[o + 1]); b &+= Int(s[o + 2])
            }
            var o = base
            for i in 0..<length {
                t[o] = UInt8(truncatingIfNeeded: (r &+ half) / window)
                t[o + 1] = UInt8(truncatingIfNeeded: (g &+ half) / window)
                t[o + 2] = UInt8(truncatingIfNeeded: (b &+ half) / window)
                let entering = i + radius + 1, leaving = i - radius
                let io = base + (entering < last ? entering : last) * step
                let oo = base + (leaving > 0 ? leaving : 0) * step
                r &+= Int(s[io]) &- Int(s[oo]); g &+= Int(s[io + 1]) &- Int(s[oo + 1]); b &+= Int(s[io + 2]) &- Int(s[oo + 2])
                o &+= step
            }
        }
    }

    /// Rec. 601 luma of each pixel, one byte per pixel.
    static func luma(_ pixels: [UInt8]) -> [UInt8] {
        let n = pixels.count / 4
        return [UInt8](unsafeUninitializedCapacity: n) { out, initialized in
            pixels.withUnsafeBufferPointer { p in
                for i in 0..<n {
                    let j = i * 4
                    let r = 77 * Int(p[j]), g = 150 * Int(p[j + 1]), b = 29 * Int(p[j + 2])
                    out[i] = UInt8((r + g + b + 128) >> 8)
                }
            }
            initialized = n
        }
    }

    /// Applies `transform` to every pixel's (r, g, b); alpha is kept.
    static func mapRGB(_ pixels: inout [UInt8], _ transform: (Int, Int, Int) -> (Int, Int, Int)) {
        pixels.withUnsafeMutableBufferPointer { p in
            var i = 0
            while i < p.count {
                let (r, g, b) = transform(Int(p[i]), Int(p[i + 1]), Int(p[i + 2]))
                p[i] = clamp(r); p[i + 1] = clamp(g); p[i + 2] = clamp(b)
                i += 4
            }
        }
    }

    /// `v` clamped to a byte.
    @inline(__always)
    static func clamp(_ v: Int) -> UInt8 { UInt8(max(0, min(255, v))) }


    /// Nearest-neighbour resampling of one byte per pixel (for masks: no new in-between values).
    static func resizeNearest(_ plane: [UInt8], width: Int, height: Int, to newWidth: Int, _ newHeight: Int) -> [UInt8] {
        if width == newWidth && height == newHeight { return plane }
        var out = [UInt8](repeating: 0, count: newWidth * newHeight)
        for y in 0..<newHeight {
            let sy = min(height - 1, y * height / newHeight)
            for x in 0..<newWidth { out[y * newWidth + x] = plane[sy * width + min(width - 1, x * width / newWidth)] }
        }
        return out
    }
}
