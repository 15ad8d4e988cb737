/// One pixel, 8 bits per channel, straight (not premultiplied) alpha.
public struct RGBA: Sendable, Hashable {
    public var r: UInt8, g: UInt8, b: UInt8, a: UInt8
    /// A pixel.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8, _ a: UInt8 = 255) { self.r = r; self.g = g; self.b = b; self.a = a }
    public static let white = RGBA(255, 255, 255)
    public static let black = RGBA(0, 0, 0)
    public static let clear = RGBA(0, 0, 0, 0)
}

/// Decoded pixels: RGBA8, row-major, top row first, `width * 4` bytes per row.
public struct PixelBuffer: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `width * height * 4` bytes.
    public var pixels: [UInt8]

    /// A buffer filled with one colour.
    public init(width: Int, height: Int, fill: RGBA = .clear) {
        precondition(width > 0 && height > 0, "PixelBuffer needs a positive size")
        self.width = width
        self.height = height
        var row = [UInt8](); row.reserveCapacity(4)
        row = [fill.r, fill.g, fill.b, fill.a]
        pixels = [UInt8](unsafeUninitializedCapacity: width * height * 4) { buf, count in
            for i in stride(from: 0, to: width * height * 4, by: 4) {
                buf[i] = row[0]; buf[i + 1] = row[1]; buf[i + 2] = row[2]; buf[i + 3] = row[3]
            }
            count = width * height * 4
        }
    }

    /// A buffer over existing RGBA bytes (`pixels.count` must be `width * height * 4`).
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height * 4, "PixelBuffer size mismatch")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The pixel at (x, y); (0, 0) is the top-left corner.
    public subscript(x: Int, y: Int) -> RGBA {
        get {
            let i = (y * width + x) * 4
            return RGBA(pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3])
        }
        set {
            let i = (y * width + x) * 4
            pixels[i] = newValue.r; pixels[i + 1] = newValue.g; pixels[i + 2] = newValue.b; pixels[i + 3] = newValue.a
        }
    }
}
