extension PixelBuffer {
    /// The mean colour: RGB weighted by alpha (transparent pixels add no colour), alpha the plain mean.
    public func averageColor() -> RGBA {
        var r: UInt64 = 0, g: UInt64 = 0, b: UInt64 = 0, a: UInt64 = 0
        pixels.withUnsafeBufferPointer { px in
            var i = 0
            while i < px.count {
                let alpha = UInt64(px[i + 3])
                r += UInt64(px[i]) * alpha; g += UInt64(px[i + 1]) * alpha; b += UInt64(px[i + 2]) * alpha; a += alpha
                i += 4
            }
        }
        guard a > 0 else { return .clear }
        let n = UInt64(width * height)
        return RGBA(UInt8((r + a / 2) / a), UInt8((g + a / 2) / a), UInt8((b + a / 2) / a), UInt8((a + n / 2) / n))
    }

    /// Up to `count` most common colours with the fraction of all pixels each covers, most common first.
    ///
    /// A coarse histogram: colours are binned at 3 bits per channel and each bin reports the mean
    /// colour of its pixels; mostly transparent pixels (alpha < 128) share one bin reported as `.clear`.
    public func dominantColors(count: Int) -> [(RGBA, Double)] {
        guard count > 0 else { return [] }
        let transparentBin = 512
        var tally = [Int](repeating: 0, count: 513)
        var sums = [Int](repeating: 0, count: 513 * 3)
        pixels.withUnsafeBufferPointer { px in
            tally.withUnsafeMutableBufferPointer { tally in
                sums.withUnsafeMutableBufferPointer { sums in
                    var i = 0
                    while i < px.count {
                        let (r, g, b) = (Int(px[i]), Int(px[i + 1]), Int(px[i + 2]))
                        let bin = px[i + 3] < 128 ? transparentBin : (r >> 5) << 6 | (g >> 5) << 3 | b >> 5
                        tally[bin] += 1
                        sums[bin * 3] += r; sums[bin * 3 + 1] += g; sums[bin * 3 + 2] += b
                        i += 4
                    }
                }
            }
        }
        let total = Double(width * height)
        let bins = tally.indices.filter { tally[$0] > 0 }
            .sorted { tally[$0] != tally[$1] ? tally[$0] > tally[$1] : $0 < $1 }
            .prefix(count)
        return bins.map { bin in
            let n = tally[bin]
            let colour = bin == transparentBin ? RGBA.clear
                : RGBA(UInt8((sums[bin * 3] + n / 2) / n), UInt8((sums[bin * 3 + 1] + n / 2) / n), UInt8((sums[bin * 3 + 2] + n / 2) / n))
            return (colour, Double(n) / total)
        }
    }
}
