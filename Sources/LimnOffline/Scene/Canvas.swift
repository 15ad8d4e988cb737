import LimnImage

/// An RGBA8 drawing surface with anti-aliased "over" compositing, used by the scene renderers.
struct Canvas {
    let width: Int
    let height: Int
    var pixels: [UInt8]

    /// A canvas filled with `fill`.
    init(width: Int, height: Int, fill: RGBA) {
        self.width = width
        self.height = height
        pixels = PixelBuffer(width: width, height: height, fill: fill).pixels
    }

    /// The finished pixels.
    var buffer: PixelBuffer { PixelBuffer(width: width, height: height, pixels: pixels) }

    /// Composites `color` over every pixel of `box` (clipped) with the coverage `coverage(px, py)`
    /// returns for the pixel centre (px, py); coverage 1 writes `color` exactly.
    mutating func draw(_ color: RGBA, in box: (x0: Int, y0: Int, x1: Int, y1: Int),
                       coverage: (Double, Double) -> Double) {
        let x0 = max(0, box.x0), y0 = max(0, box.y0), x1 = min(width, box.x1), y1 = min(height, box.y1)
        guard x0 < x1, y0 < y1 else { return }
        let w = width
        pixels.withUnsafeMutableBufferPointer { p in
            for y in y0..<y1 {
                let py = Double(y) + 0.5
                for x in x0..<x1 {
                    let c = coverage(Double(x) + 0.5, py)
                    if c > 0 { Canvas.over(p, (y * w + x) * 4, color, min(c, 1)) }
                }
            }
        }
    }

    /// Straight-alpha "over": `color` at `coverage` onto the pixel at byte offset `i`.
    @inline(__always)
    static func over(_ p: UnsafeMutableBufferPointer<UInt8>, _ i: Int, _ color: RGBA, _ coverage: Double) {
        let sa = Double(color.a) / 255 * coverage
        if sa >= 1 {
            p[i] = color.r; p[i + 1] = color.g; p[i + 2] = color.b; p[i + 3] = 255
            return
        }
        let da = Double(p[i + 3]) / 255
        let oa = sa + da * (1 - sa)
        guard oa > 0 else { return }
        let k = da * (1 - sa)
        p[i] = UInt8(((Double(color.r) * sa + Double(p[i]) * k) / oa).rounded())
        p[i + 1] = UInt8(((Double(color.g) * sa + Double(p[i + 1]) * k) / oa).rounded())
        p[i + 2] = UInt8(((Double(color.b) * sa + Double(p[i + 2]) * k) / oa).rounded())
        p[i + 3] = UInt8((oa * 255).rounded())
    }
}

/// Geometry for anti-aliased coverage: signed distances, negative inside.
enum Geometry {
    /// Coverage of a pixel centre at signed distance `d` from an edge.
    @inline(__always)
    static func coverage(_ d: Double) -> Double { max(0, min(1, 0.5 - d)) }

    /// Signed distance from (px, py) to a closed polygon (even-odd inside test).
    static func polygonDistance(_ px: Double, _ py: Double, _ pts: [(Double, Double)]) -> Double {
        var best = Double.infinity
        var inside = false
        var j = pts.count - 1
        for i in 0..<pts.count {
            let (ax, ay) = pts[j], (bx, by) = pts[i]
            if (by > py) != (ay > py), px < (ax - bx) * (py - by) / (ay - by) + bx { inside.toggle() }
            let ex = ax - bx, ey = ay - by
            let len2 = ex * ex + ey * ey
            let t = len2 > 0 ? max(0, min(1, ((px - bx) * ex + (py - by) * ey) / len2)) : 0
            let dx = px - (bx + t * ex), dy = py - (by + t * ey)
            best = min(best, dx * dx + dy * dy)
            j = i
        }
        let d = best.squareRoot()
        return inside ? -d : d
    }

    /// Approximate signed distance to an axis-aligned ellipse (exact for circles).
    static func ellipseDistance(_ px: Double, _ py: Double, cx: Double, cy: Double, rx: Double, ry: Double) -> Double {
        let dx = px - cx, dy = py - cy
        if rx == ry { return (dx * dx + dy * dy).squareRoot() - rx }
        let ux = dx / rx, uy = dy / ry
        let k = (ux * ux + uy * uy).squareRoot()
        guard k > 0 else { return -min(rx, ry) }
        let gx = ux / rx, gy = uy / ry
        let g = (gx * gx + gy * gy).squareRoot() / k
        return (k - 1) / max(g, 1e-9)
    }
}
