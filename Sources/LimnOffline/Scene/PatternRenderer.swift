import Foundation
import LimnImage

/// The "pleasant pattern" for prompts that name no shape: a smooth gradient, soft glowing discs and
/// layered waves in the prompt's colours (or colours from its hash), with a gentle vignette.
///
/// Works in premultiplied floats so a transparent background composites correctly.
enum PatternRenderer {
    static func render(palette: Palette, width: Int, height: Int, random: inout SeededRandom,
                       transparent: Bool) -> PixelBuffer {
        let colors = palette.colors
        var plane = [Float](repeating: 0, count: width * height * 4)
        let w = Double(width), h = Double(height), side = min(w, h)
        plane.withUnsafeMutableBufferPointer { p in
            if !transparent {
                gradient(p, width: width, height: height, from: colors[0], to: colors[1], angle: random.double(in: 0...(2 * .pi)))
            }
            let discs = 5 + Int(random.next() % 5)
            for _ in 0..<discs {
                let color = colors[1 + Int(random.next() % UInt64(colors.count - 1))]
                disc(p, width: width, height: height, color: color,
                     cx: random.unit() * w, cy: random.unit() * h,
                     radius: side * random.double(in: 0.08...0.32), alpha: random.double(in: 0.25...0.6))
            }
            let waves = 2 + Int(random.next() % 2)
            for k in 0..<waves {
                let color = colors[(2 + k) % colors.count]
                wave(p, width: width, height: height, color: color,
                     base: 0.55 + 0.13 * Double(k) + random.double(in: -0.05...0.05),
                     amplitude: random.double(in: 0.03...0.08), cycles: random.double(in: 0.7...2.2),
                     phase: random.double(in: 0...(2 * .pi)), alpha: 0.35 + 0.1 * Double(k))
            }
        }
        return finish(plane, width: width, height: height, vignette: !transparent)
    }

    private static func gradient(_ p: UnsafeMutableBufferPointer<Float>, width: Int, height: Int,
                                 from a: RGBA, to b: RGBA, angle: Double) {
        let dx = cos(angle), dy = sin(angle)
        let span = abs(dx) * Double(width) + abs(dy) * Double(height)
        let ox = Double(width) / 2, oy = Double(height) / 2
        let ar = Float(a.r) / 255, ag = Float(a.g) / 255, ab = Float(a.b) / 255
        let br = Float(b.r) / 255, bg = Float(b.g) / 255, bb = Float(b.b) / 255
        for y in 0..<height {
            var i = y * width * 4
            for x in 0..<width {
                var t = Float(((Double(x) - ox) * dx + (Double(y) - oy) * dy) / span + 0.5)
                t = t * t * (3 - 2 * t)
                p[i] = ar + (br - ar) * t; p[i + 1] = ag + (bg - ag) * t; p[i + 2] = ab + (bb - ab) * t; p[i + 3] = 1
                i += 4
            }
        }
    }

    private static func disc(_ p: UnsafeMutableBufferPointer<Float>, width: Int, height: Int, color: RGBA,
                             cx: Double, cy: Double, radius: Double, alpha: Double) {
        let x0 = max(0, Int(cx - radius)), x1 = min(width, Int(cx + radius) + 1)
        let y0 = max(0, Int(cy - radius)), y1 = min(height, Int(cy + radius) + 1)
        guard x0 < x1, y0 < y1 else { return }
        let r = Float(color.r) / 255, g = Float(color.g) / 255, b = Float(color.b) / 255
        let inv = Float(1 / radius), a0 = Float(alpha)
        for y in y0..<y1 {
            let fy = (Float(y) + 0.5 - Float(cy)) * inv
            var i = (y * width + x0) * 4
            for x in x0..<x1 {
                let fx = (Float(x) + 0.5 - Float(cx)) * inv
                let d = (fx * fx + fy * fy).squareRoot()
                if d < 1 {
                    // A bright core fading out, with a soft rim: looks like a lit glass bead.
                    let edge = min(1, (1 - d) * 12)
                    let sa = a0 * edge * (0.55 + 0.45 * (1 - d * d))
                    let k = 1 - sa
                    p[i] = r * sa + p[i] * k; p[i + 1] = g * sa + p[i + 1] * k
                    p[i + 2] = b * sa + p[i + 2] * k; p[i + 3] = sa + p[i + 3] * k
                }
                i += 4
            }
        }
    }

    private static func wave(_ p: UnsafeMutableBufferPointer<Float>, width: Int, height: Int, color: RGBA,
                             base: Double, amplitude: Double, cycles: Double, phase: Double, alpha: Double) {
        let r = Float(color.r) / 255, g = Float(color.g) / 255, b = Float(color.b) / 255
        let h = Double(height), soft = Float(max(1.5, h * 0.004)), a0 = Float(alpha)
        for x in 0..<width {
            let t = Double(x) / Double(width)
            let crest = Float(h * (base + amplitude * sin(2 * .pi * cycles * t + phase)
                + amplitude * 0.3 * sin(2 * .pi * cycles * 2.7 * t + phase * 1.7)))
            let start = max(0, Int(crest - soft))
            guard start < height else { continue }
            for y in start..<height {
                let depth = Float(y) + 0.5 - crest
                let sa = a0 * min(1, max(0, depth / soft + 0.5)) * (1 - 0.35 * min(1, depth / Float(h)))
                let i = (y * width + x) * 4
                let k = 1 - sa
                p[i] = r * sa + p[i] * k; p[i + 1] = g * sa + p[i + 1] * k
                p[i + 2] = b * sa + p[i + 2] * k; p[i + 3] = sa + p[i + 3] * k
            }
        }
    }

    /// Un-premultiplies to RGBA8, darkening the corners a little when `vignette`.
    private static func finish(_ plane: [Float], width: Int, height: Int, vignette: Bool) -> PixelBuffer {
        let count = width * height * 4
        let hw = Float(width) / 2, hh = Float(height) / 2
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            plane.withUnsafeBufferPointer { p in
                for y in 0..<height {
                    let vy = (Float(y) - hh) / hh
                    var i = y * width * 4
                    for x in 0..<width {
                        let vx = (Float(x) - hw) / hw
                        let shade: Float = vignette ? 1 - 0.18 * min(1, (vx * vx + vy * vy) * 0.5) : 1
                        let a = p[i + 3]
                        let scale = a > 0 ? shade * 255 / a : 0
                        out[i] = UInt8(max(0, min(255, p[i] * scale + 0.5)))
                        out[i + 1] = UInt8(max(0, min(255, p[i + 1] * scale + 0.5)))
                        out[i + 2] = UInt8(max(0, min(255, p[i + 2] * scale + 0.5)))
                        out[i + 3] = UInt8(max(0, min(255, a * 255 + 0.5)))
                        i += 4
                    }
                }
            }
            initialized = count
        }
        return PixelBuffer(width: width, height: height, pixels: bytes)
    }
}
