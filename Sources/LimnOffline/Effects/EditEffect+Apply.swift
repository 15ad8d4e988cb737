import LimnImage

extension EditEffect {
    /// The effect applied to every pixel of `image`; alpha is kept. Deterministic for a given `seed`
    /// (only the watercolour paper texture uses it).
    public func apply(to image: PixelBuffer, seed: UInt64 = 0) -> PixelBuffer {
        let w = image.width, h = image.height
        let scale = max(1, min(w, h))
        var px = image.pixels
        switch self {
        case .grayscale:
            PixelOps.mapRGB(&px) { r, g, b in
                let y = (77 * r + 150 * g + 29 * b + 128) >> 8
                return (y, y, y)
            }
        case .sepia:
            PixelOps.mapRGB(&px) { r, g, b in
                let nr = (393 * r + 769 * g + 189 * b) / 1000
                let ng = (349 * r + 686 * g + 168 * b) / 1000
                let nb = (272 * r + 534 * g + 131 * b) / 1000
                return (nr, ng, nb)
            }
        case .invert:
            PixelOps.mapRGB(&px) { r, g, b in (255 - r, 255 - g, 255 - b) }
        case .pixelate:
            px = pixelate(px, width: w, height: h, block: max(2, scale / 48))
        case .sketch:
            px = sketch(px, width: w, height: h, radius: max(2, scale / 200))
        case .blur:
            px = PixelOps.boxBlur(px, width: w, height: h, radius: max(2, scale / 100))
        case .brighten:
            PixelOps.mapRGB(&px) { r, g, b in (r + (255 - r) * 3 / 10, g + (255 - g) * 3 / 10, b + (255 - b) * 3 / 10) }
        case .darken:
            PixelOps.mapRGB(&px) { r, g, b in (r * 7 / 10, g * 7 / 10, b * 7 / 10) }
        case .stylize:
            px = stylize(px, width: w, height: h)
        case .watercolor:
            px = Watercolor.apply(px, width: w, height: h, seed: seed)
        }
        return PixelBuffer(width: w, height: h, pixels: px)
    }

    /// Block averages, then a light posterize so it reads as pixel art rather than a blur.
    private func pixelate(_ pixels: [UInt8], width: Int, height: Int, block: Int) -> [UInt8] {
        var out = pixels
        out.withUnsafeMutableBufferPointer { p in
            for by in stride(from: 0, to: height, by: block) {
                for bx in stride(from: 0, to: width, by: block) {
                    let y1 = min(by + block, height), x1 = min(bx + block, width)
                    var sum = (0, 0, 0, 0)
                    for y in by..<y1 {
                        for x in bx..<x1 {
                            let i = (y * width + x) * 4
                            sum.0 += Int(p[i]); sum.1 += Int(p[i + 1]); sum.2 += Int(p[i + 2]); sum.3 += Int(p[i + 3])
                        }
                    }
                    let n = (y1 - by) * (x1 - bx)
                    let avg = [sum.0 / n, sum.1 / n, sum.2 / n].map { PixelOps.clamp(($0 + 16) / 32 * 32) }
                    let a = UInt8(sum.3 / n)
                    for y in by..<y1 {
                        for x in bx..<x1 {
                            let i = (y * width + x) * 4
                            p[i] = avg[0]; p[i + 1] = avg[1]; p[i + 2] = avg[2]; p[i + 3] = a
                        }
                    }
                }
            }
        }
        return out
    }

    /// Grayscale → invert → blur → colour dodge: the classic pencil-sketch recipe.
    private func sketch(_ pixels: [UInt8], width: Int, height: Int, radius: Int) -> [UInt8] {
        let gray = PixelOps.luma(pixels)
        var inverted = pixels
        inverted.withUnsafeMutableBufferPointer { p in
            for i in 0..<gray.count {
                let v = 255 - gray[i]
                p[i * 4] = v; p[i * 4 + 1] = v; p[i * 4 + 2] = v
            }
        }
        let blurred = PixelOps.boxBlur(inverted, width: width, height: height, radius: radius)
        var out = pixels
        out.withUnsafeMutableBufferPointer { p in
            for i in 0..<gray.count {
                let base = Int(gray[i]), blend = Int(blurred[i * 4])
                var v = blend >= 255 ? 255 : min(255, base * 255 / (255 - blend))
                v = v * v / 255  // deepen the mid-tones so strokes read as graphite
                let b = UInt8(v)
                p[i * 4] = b; p[i * 4 + 1] = b; p[i * 4 + 2] = b
            }
        }
        return out
    }

    /// Warmer, a little more saturated and contrasty, with a soft vignette.
    private func stylize(_ pixels: [UInt8], width: Int, height: Int) -> [UInt8] {
        var out = pixels
        let hw = Double(width) / 2, hh = Double(height) / 2
        out.withUnsafeMutableBufferPointer { p in
            for y in 0..<height {
                let vy = (Double(y) + 0.5 - hh) / hh
                for x in 0..<width {
                    let vx = (Double(x) + 0.5 - hw) / hw
                    let shade = 1 - 0.22 * min(1, (vx * vx + vy * vy) / 2)
                    let i = (y * width + x) * 4
                    let r = Double(p[i]), g = Double(p[i + 1]), b = Double(p[i + 2])
                    let l = 0.299 * r + 0.587 * g + 0.114 * b
                    func tone(_ c: Double, _ warm: Double) -> UInt8 {
                        var v = l + (c - l) * 1.3 + warm
                        v = 128 + (v - 128) * 1.08
                        return UInt8(max(0, min(255, (v * shade).rounded())))
                    }
                    p[i] = tone(r, 10); p[i + 1] = tone(g, 2); p[i + 2] = tone(b, -12)
                }
            }
        }
        return out
    }
}
