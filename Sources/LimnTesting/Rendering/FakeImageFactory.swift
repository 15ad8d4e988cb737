import Foundation
import LimnImage

/// Makes the real images the fake router serves and keeps them, encoded and in base64, by
/// (size, format, seed, noise): a benchmark of many calls encodes each image once.
final class FakeImageFactory: Sendable {
    /// One image ready to put into a template.
    struct Key: Hashable, Sendable {
        var size: FakeImageSize
        var format: ImageFormat
        var seed: Int
        var noise: Bool
    }

    /// An encoded image and its base64 text.
    struct Entry: Sendable {
        var image: EncodedImage
        var base64: String
    }

    /// The largest side served; larger requests are clamped.
    static let maxSide = 4096

    /// Images kept before the cache starts over.
    static let cacheLimit = 64

    private let cache = LockedValue([Key: Entry]())

    /// The image for `key`, encoded once.
    func image(_ key: Key) throws -> Entry {
        if let hit = cache.withLock({ $0[key] }) { return hit }
        let pixels = key.noise ? Self.noise(key.size, seed: key.seed) : Self.pattern(key.size, seed: key.seed)
        let format = key.format == .gif ? .png : key.format
        let encoded = try EncodedImage.encode(pixels, as: format, quality: format == .png ? nil : 90, fast: key.noise)
        let entry = Entry(image: encoded, base64: encoded.bytes.base64EncodedString())
        cache.withLock { cache in
            if cache.count >= Self.cacheLimit { cache.removeAll() }  // a crude bound; benchmarks reuse a handful
            cache[key] = entry
        }
        return entry
    }

    /// The file name an image is served under: `img-64x64-s0.png`, `img-1024x1024-s1-noise.webp`.
    static func fileName(_ key: Key) -> String {
        "img-\(key.size)-s\(key.seed)\(key.noise ? "-noise" : "").\(key.format.fileExtension)"
    }

    /// The key a file name names, or nil.
    static func key(fileName: String) -> Key? {
        guard fileName.hasPrefix("img-"), let dot = fileName.lastIndex(of: ".") else { return nil }
        guard let format = ImageFormat(fileExtension: String(fileName[fileName.index(after: dot)...])) else { return nil }
        let fields = fileName[fileName.index(fileName.startIndex, offsetBy: 4)..<dot].split(separator: "-")
        guard fields.count >= 2, let size = FakeImageSize(parsing: String(fields[0])), fields[1].hasPrefix("s"),
              let seed = Int(fields[1].dropFirst()) else { return nil }
        return Key(size: clamp(size), format: format, seed: seed, noise: fields.count > 2 && fields[2] == "noise")
    }

    /// `size` with each side in 1...maxSide.
    static func clamp(_ size: FakeImageSize) -> FakeImageSize {
        FakeImageSize(min(max(size.width, 1), maxSide), min(max(size.height, 1), maxSide))
    }

    /// A soft diagonal gradient with a coloured square whose hue and place follow `seed`.
    static func pattern(_ size: FakeImageSize, seed: Int) -> PixelBuffer {
        let w = size.width, h = size.height
        var pixels = [UInt8](repeating: 255, count: w * h * 4)
        let palette: [(UInt8, UInt8, UInt8)] = [(220, 40, 40), (40, 150, 60), (40, 80, 210), (230, 180, 30), (150, 60, 190), (20, 170, 180)]
        let accent = palette[abs(seed) % palette.count]
        let side = max(min(w, h) / 3, 1)
        let x0 = (w - side) * ((abs(seed) * 37) % 100) / 100, y0 = (h - side) * ((abs(seed) * 61) % 100) / 100
        for y in 0..<h {
            for x in 0..<w {
                let i = (y * w + x) * 4
                if x >= x0, x < x0 + side, y >= y0, y < y0 + side {
                    pixels[i] = accent.0; pixels[i + 1] = accent.1; pixels[i + 2] = accent.2
                } else {
                    let t = (x + y) * 255 / max(w + h - 2, 1)
                    pixels[i] = UInt8(200 + t / 5); pixels[i + 1] = UInt8(210 + t / 8); pixels[i + 2] = UInt8(235 - t / 6)
                }
            }
        }
        return PixelBuffer(width: w, height: h, pixels: pixels)
    }

    /// Opaque seeded noise that does not compress (about 4 MB as a 1024×1024 PNG).
    static func noise(_ size: FakeImageSize, seed: Int) -> PixelBuffer {
        var state = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 &+ 0x1234_5678
        var pixels = [UInt8](repeating: 255, count: size.width * size.height * 4)
        pixels.withUnsafeMutableBufferPointer { buffer in
            var i = 0
            while i < buffer.count {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                buffer[i] = UInt8(truncatingIfNeeded: state)
                buffer[i + 1] = UInt8(truncatingIfNeeded: state >> 8)
                buffer[i + 2] = UInt8(truncatingIfNeeded: state >> 16)
                i += 4
            }
        }
        return PixelBuffer(width: size.width, height: size.height, pixels: pixels)
    }
}
