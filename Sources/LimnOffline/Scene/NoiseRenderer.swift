import LimnImage

/// Seeded noise that does not compress: every colour byte random, alpha 255.
enum NoiseRenderer {
    /// Alpha bytes of two little-endian RGBA pixels packed in one word.
    private static let opaqueAlpha: UInt64 = 0xFF00_0000_FF00_0000

    static func render(width: Int, height: Int, random: inout SeededRandom) -> PixelBuffer {
        let count = width * height * 4
        var generator = random
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            generator.fill(UnsafeMutableRawBufferPointer(buffer), orMask: opaqueAlpha)
            initialized = count
        }
        random = generator
        return PixelBuffer(width: width, height: height, pixels: bytes)
    }
}
