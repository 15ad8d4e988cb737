/// Which source samples, with which weights, make each output sample along one axis.
///
/// Shrinking averages the source area each output sample covers (a box filter, so no source
/// pixel is skipped); growing interpolates between the two nearest source samples (bilinear).
struct ResampleTaps {
    /// Output `i` uses `sources[offsets[i]..<offsets[i + 1]]` with the matching `weights`.
    private(set) var offsets: [Int] = [0]
    private(set) var sources: [Int] = []
    private(set) var weights: [Float] = []

    /// The number of output samples.
    var targetCount: Int { offsets.count - 1 }

    init(source: Int, target: Int) {
        let scale = Double(source) / Double(target)
        for i in 0..<target {
            if scale > 1 {
                let lo = Double(i) * scale, hi = min(Double(i + 1) * scale, Double(source))
                var j = Int(lo)
                while Double(j) < hi && j < source {
                    let overlap = min(Double(j + 1), hi) - max(Double(j), lo)
                    if overlap > 0 { add(j, Float(overlap / scale)) }
                    j += 1
                }
            } else {
                let centre = min(max((Double(i) + 0.5) * scale - 0.5, 0), Double(source - 1))
                let j0 = Int(centre), j1 = min(j0 + 1, source - 1)
                let f = Float(centre - Double(j0))
                add(j0, 1 - f)
                if f > 0 { add(j1, f) }
            }
            offsets.append(sources.count)
        }
    }

    /// Runs `body` over the three tables without bounds checks on each access.
    func withUnsafeTaps<R>(
        _ body: (UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int>, UnsafeBufferPointer<Float>) -> R
    ) -> R {
        offsets.withUnsafeBufferPointer { o in
            sources.withUnsafeBufferPointer { s in weights.withUnsafeBufferPointer { w in body(o, s, w) } }
        }
    }

    private mutating func add(_ source: Int, _ weight: Float) {
        sources.append(source)
        weights.append(weight)
    }
}
