/// A width and height in pixels, parsed from `WxH` (`1024x1024`).
public struct FakeImageSize: Sendable, Hashable, CustomStringConvertible {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    /// A size.
    public init(_ width: Int, _ height: Int) {
        self.width = width
        self.height = height
    }

    /// `1024x1024` (or `1024X1024`, `1024*1024`); nil for anything else, including `auto`, `2K` and non-positive sides.
    public init?(parsing text: String) {
        let parts = text.lowercased().split(whereSeparator: { $0 == "x" || $0 == "*" })
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0 else { return nil }
        self.init(w, h)
    }

    /// `WxH`.
    public var description: String { "\(width)x\(height)" }
}
