import Foundation
import LimnImage

/// Draws the shapes a prompt names: "a red square on a white background" → a red square centred on white.
///
/// Variant 0 is the canonical layout; later variants (the n-th image of a request) jitter each shape's
/// position and size a little, so n images differ while still showing what was asked.
enum ShapeRenderer {
    static func render(_ scene: PromptScene, width: Int, height: Int, variant: Int,
                       random: inout SeededRandom, transparent: Bool) -> PixelBuffer {
        let background = transparent ? RGBA.clear : (scene.background ?? .white)
        var canvas = Canvas(width: width, height: height, fill: background)
        let contrast = contrasting(scene.background ?? .white)

        for shape in scene.shapes where shape.kind.fillsCanvas {
            var colors = shape.colors
            if colors.count < 2 { colors.append(colors.first == background ? contrast : background) }
            if colors.count < 2 { colors.append(contrast) }
            fill(&canvas, shape, colors: colors, orientation: scene.orientation)
        }

        let items = scene.shapes.filter { !$0.kind.fillsCanvas }
            .flatMap { shape in Array(repeating: shape, count: shape.count) }
            .prefix(64)
        guard !items.isEmpty else { return canvas.buffer }
        let n = items.count
        let cols = n <= 3 ? n : Int(Double(n).squareRoot().rounded(.up))
        let rows = (n + cols - 1) / cols
        let cellW = Double(width) / Double(cols), cellH = Double(height) / Double(rows)
        for (k, shape) in items.enumerated() {
            var cx = (Double(k % cols) + 0.5) * cellW, cy = (Double(k / cols) + 0.5) * cellH
            var side = shape.scale * min(cellW, cellH)
            if variant > 0 {
                cx += random.double(in: -0.08...0.08) * side
                cy += random.double(in: -0.08...0.08) * side
                side *= random.double(in: 0.9...1.1)
            }
            draw(&canvas, shape.kind, color: shape.colors.first ?? contrast, cx: cx, cy: cy, side: side)
        }
        return canvas.buffer
    }

    /// Black on light backgrounds, white on dark ones.
    static func contrasting(_ c: RGBA) -> RGBA {
        let luma = 0.299 * Double(c.r) + 0.587 * Double(c.g) + 0.114 * Double(c.b)
        return luma > 110 || c.a < 128 ? .black : .white
    }

    private static func draw(_ canvas: inout Canvas, _ kind: PromptScene.ShapeKind, color: RGBA,
                             cx: Double, cy: Double, side: Double) {
        switch kind {
        case .square, .rectangle:
            let hw = kind == .square ? side / 2 : side * 0.75, hh = kind == .square ? side / 2 : side * 0.4
            let x0 = cx - hw, x1 = cx + hw, y0 = cy - hh, y1 = cy + hh
            canvas.draw(color, in: box(x0, y0, x1, y1)) { px, py in
                overlap(px, x0, x1) * overlap(py, y0, y1)
            }
        case .circle, .ellipse:
            let rx = kind == .circle ? side / 2 : side * 0.7, ry = kind == .circle ? side / 2 : side * 0.42
            canvas.draw(color, in: box(cx - rx, cy - ry, cx + rx, cy + ry)) { px, py in
                Geometry.coverage(Geometry.ellipseDistance(px, py, cx: cx, cy: cy, rx: rx, ry: ry))
            }
        case .triangle, .star, .diamond, .hexagon:
            let pts = polygon(kind, cx: cx, cy: cy, side: side)
            let xs = pts.map(\.0), ys = pts.map(\.1)
            canvas.draw(color, in: box(xs.min() ?? cx, ys.min() ?? cy, xs.max() ?? cx, ys.max() ?? cy)) { px, py in
                Geometry.coverage(Geometry.polygonDistance(px, py, pts))
            }
        case .stripes, .checkerboard:
            break
        }
    }

    private static func polygon(_ kind: PromptScene.ShapeKind, cx: Double, cy: Double, side: Double) -> [(Double, Double)] {
        func ring(_ count: Int, radius: (Int) -> Double, phase: Double) -> [(Double, Double)] {
            (0..<count).map { i in
                let a = phase + Double(i) * 2 * .pi / Double(count)
                return (cx + radius(i) * cos(a), cy + radius(i) * sin(a))
            }
        }
        let r = side * 0.58
        switch kind {
        case .triangle: return ring(3, radius: { _ in r }, phase: -.pi / 2).map { ($0.0, $0.1 + r * 0.25) }
        case .star: return ring(10, radius: { $0 % 2 == 0 ? r : r * 0.42 }, phase: -.pi / 2)
        case .diamond: return [(cx, cy - r), (cx + r * 0.7, cy), (cx, cy + r), (cx - r * 0.7, cy)]
        default: return ring(6, radius: { _ in r * 0.9 }, phase: 0)
        }
    }

    /// How much of the unit pixel span centred on `p` lies inside [lo, hi].
    @inline(__always)
    private static func overlap(_ p: Double, _ lo: Double, _ hi: Double) -> Double {
        max(0, min(p + 0.5, hi) - max(p - 0.5, lo))
    }

    private static func box(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> (x0: Int, y0: Int, x1: Int, y1: Int) {
        (Int(x0.rounded(.down)) - 1, Int(y0.rounded(.down)) - 1, Int(x1.rounded(.up)) + 1, Int(y1.rounded(.up)) + 1)
    }

    private static func fill(_ canvas: inout Canvas, _ shape: PromptScene.Shape, colors: [RGBA],
                             orientation: PromptScene.Orientation) {
        let w = Double(canvas.width), h = Double(canvas.height)
        if shape.kind == .checkerboard {
            let cells = Double(shape.count > 1 ? shape.count : 8)
            let cw = w / cells, ch = h / cells
            canvas.draw(colors[1], in: (0, 0, canvas.width, canvas.height)) { px, py in
                (Int(px / cw) + Int(py / ch)) % 2 == 1 ? 1 : 0
            }
            canvas.draw(colors[0], in: (0, 0, canvas.width, canvas.height)) { px, py in
                (Int(px / cw) + Int(py / ch)) % 2 == 0 ? 1 : 0
            }
            return
        }
        let bands = Double(shape.count > 1 ? shape.count * colors.count : 8)
        for (k, color) in colors.enumerated() {
            canvas.draw(color, in: (0, 0, canvas.width, canvas.height)) { px, py in
                let t: Double
                switch orientation {
                case .vertical: t = px / w
                case .horizontal: t = py / h
                case .diagonal: t = (px + py) / (w + h)
                }
                return Int(t * bands) % colors.count == k ? 1 : 0
            }
        }
    }
}
