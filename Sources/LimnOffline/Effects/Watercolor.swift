import Foundation

/// The watercolour effect: soft edge-aware washes, a few pigment levels, darkened rims where washes
/// meet (pigment pools at a wet edge), a paler overall tone and a paper texture.
enum Watercolor {
    static func apply(_ pixels: [UInt8], width: Int, height: Int, seed: UInt64) -> [UInt8] {
        let scale = max(1, min(width, height))
        var px = smooth(pixels, width: width, height: height, radius: max(2, scale / 150))
        px = smooth(px, width: width, height: height, radius: max(3, scale / 70))
        posterize(&px, step: 36)
        px = PixelOps.boxBlur(px, width: width, height: height, radius: max(1, scale / 400), passes: 1)
        darkenEdges(&px, width: width, height: height)
        paper(&px, width: width, height: height, seed: seed)
        return px
    }

    /// Takes the blurred value where the neighbourhood is flat and keeps the original near edges.
    private static func smooth(_ pixels: [UInt8], width: Int, height: Int, radius: Int) -> [UInt8] {
        let blurred = PixelOps.boxBlur(pixels, width: width, height: height, radius: radius, passes: 2)
        // Weight (0…256) of the blurred value: exp(-d²/2σ²), σ = 28 per channel over the summed difference.
        let table = (0..<766).map { d in Int((256 * exp(-Double(d * d) / (2 * 28 * 28 * 3))).rounded()) }
        var out = pixels
        out.withUnsafeMutableBufferPointer { o in
            blurred.withUnsafeBufferPointer { b in
                table.withUnsafeBufferPointer { table in
                    var i = 0
                    let n = o.count
                    while i < n {
                        let r = Int(o[i]), g = Int(o[i + 1]), bl = Int(o[i + 2])
                        let br = Int(b[i]), bg = Int(b[i + 1]), bb = Int(b[i + 2])
                        let k = table[abs(r - br) + abs(g - bg) + abs(bl - bb)]
                        o[i] = UInt8(truncatingIfNeeded: r + ((br - r) * k + 128) >> 8)
                        o[i + 1] = UInt8(truncatingIfNeeded: g + ((bg - g) * k + 128) >> 8)
                        o[i + 2] = UInt8(truncatingIfNeeded: bl + ((bb - bl) * k + 128) >> 8)
                        i += 4
                    }
                }
            }
        }
        return out
    }

    /// A few pigment levels per channel, mixed back a little toward the original for softness.
    private static func posterize(_ pixels: inout [UInt8], step: Int) {
        PixelOps.mapRGB(&pixels) { r, g, b in
            func q(_ v: Int) -> Int { ((v + step / 2) / step * step * 3 + v) / 4 }
            return (q(r), q(g), q(b))
        }
    }

    /// Sobel on luma; strong gradients darken, like pigment collecting where a wash dried.
    private static func darkenEdges(_ pixels: inout [UInt8], width: Int, height: Int) {
        guard width > 2, height > 2 else { return }
        let l = PixelOps.luma(pixels)
        pixels.withUnsafeMutableBufferPointer { p in
            l.withUnsafeBufferPointer { l in
                for y in 1..<(height - 1) {
                    for x in 1..<(width - 1) {
                        let i = y * width + x
                        let tl = Int(l[i - width - 1]), t = Int(l[i - width]), tr = Int(l[i - width + 1])
                        let ml = Int(l[i - 1]), mr = Int(l[i + 1])
                        let bl = Int(l[i + width - 1]), b = Int(l[i + width]), br = Int(l[i + width + 1])
                        let gx = (tr + 2 * mr + br) - (tl + 2 * ml + bl)
                        let gy = (bl + 2 * b + br) - (tl + 2 * t + tr)
                        let m = min(255, (abs(gx) + abs(gy)) / 2)
                        guard m > 8 else { continue }
                        let keep = 255 - m * 2 / 5
                        let j = i * 4
                        p[j] = UInt8(Int(p[j]) * keep / 255)
                        p[j + 1] = UInt8(Int(p[j + 1]) * keep / 255)
                        p[j + 2] = UInt8(Int(p[j + 2]) * keep / 255)
                    }
                }
            }
        }
    }

    /// Paler washes over a cold-press paper: coarse fibres (bilinear value noise) plus fine grain.
    private static func paper(_ pixels: inout [UInt8], width: Int, height: Int, seed: UInt64) {
        var random = SeededRandom(seed: seed ^ 0x5041_5045_5200)
        let cell = 6
        let gw = width / cell + 2, gh = height / cell + 2
        var grid = [UInt8](repeating: 0, count: gw * gh)
        var grain = [UInt8](repeating: 0, count: width * height)
        grid.withUnsafeMutableBytes { random.fill($0) }
        grain.withUnsafeMutableBytes { random.fill($0) }
        pixels.withUnsafeMutableBufferPointer { p in
            grid.withUnsafeBufferPointer { grid in
                grain.withUnsafeBufferPointer { grain in
                    for y in 0..<height {
                        let gy = y / cell, ty = y % cell
                        for x in 0..<width {
                            let gx = x / cell, tx = x % cell
                            let g0 = gy * gw + gx
                            let top = Int(grid[g0]) * (cell - tx) + Int(grid[g0 + 1]) * tx
                            let bottom = Int(grid[g0 + gw]) * (cell - tx) + Int(grid[g0 + gw + 1]) * tx
                            let fibre = (top * (cell - ty) + bottom * ty) / (cell * cell)   // 0…255
                            let shade = 236 + fibre * 19 / 255                               // 236…255
                            let i = y * width + x, j = i * 4
                            let noise = Int(grain[i] & 0x0F) - 8
                            p[j] = PixelOps.clamp((Int(p[j]) * 86 / 100 + 36) * shade / 255 + noise)
                            p[j + 1] = PixelOps.clamp((Int(p[j + 1]) * 86 / 100 + 36) * shade / 255 + noise)
                            p[j + 2] = PixelOps.clamp((Int(p[j + 2]) * 86 / 100 + 36) * shade / 255 + noise)
                        }
                    }
                }
            }
        }
    }
}
