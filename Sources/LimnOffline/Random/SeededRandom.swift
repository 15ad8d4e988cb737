/// A fast, seeded pseudo-random generator (xoshiro256**, seeded through splitmix64).
///
/// Every image the offline provider draws comes from one of these, seeded from the prompt,
/// so the same request always yields the same bytes on every platform.
struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator whose whole stream is determined by `seed`.
    init(seed: UInt64) {
        var sm = seed
        s0 = SeededRandom.splitmix(&sm)
        s1 = SeededRandom.splitmix(&sm)
        s2 = SeededRandom.splitmix(&sm)
        s3 = SeededRandom.splitmix(&sm)
    }

    /// A generator seeded from text (FNV-1a 64 of its UTF-8, then `salt` mixed in).
    init(text: String, salt: UInt64 = 0) {
        self.init(seed: SeededRandom.hash(text) ^ (salt &* 0x9E37_79B9_7F4A_7C15))
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A double in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A double in `range`.
    mutating func double(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// Fills `bytes` with random bits, 8 bytes per step; `orMask` is OR-ed into every word
    /// (used to force alpha to 255 in noise, two pixels per word).
    mutating func fill(_ bytes: UnsafeMutableRawBufferPointer, orMask: UInt64 = 0) {
        let words = bytes.count / 8
        // Local copies of the state keep the hot loop free of `self` accesses in debug builds.
        var a = s0, b = s1, c = s2, d = s3
        if words > 0, let base = bytes.baseAddress {
            let out = base.bindMemory(to: UInt64.self, capacity: words)
            for i in 0..<words {
                let r = rotl(b &* 5, 7) &* 9
                let t = b << 17
                c ^= a; d ^= b; b ^= c; a ^= d
                c ^= t
                d = rotl(d, 45)
                out[i] = (r | orMask).littleEndian
            }
        }
        s0 = a; s1 = b; s2 = c; s3 = d
        let tail = words * 8
        if tail < bytes.count {
            var r = next() | orMask
            for i in tail..<bytes.count { bytes[i] = UInt8(truncatingIfNeeded: r); r >>= 8 }
        }
    }

    /// FNV-1a over the UTF-8 of `text`, finished with a splitmix round for good low bits.
    static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return splitmix(&h)
    }

    private static func splitmix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@inline(__always)
private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
