import Foundation
import FuzzSupport
import LimnImage

// PNG files: header probe, validation, decode and metadata on any bytes; a decoded PNG written
// again as PNG, and as lossless WebP, keeps its pixels.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNG(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let (_, pixels) = fuzzImage(fuzzData(start, count), format: .png) else { return 0 }
    fuzzReencode(pixels, as: .png, lossless: true)
    fuzzReencode(pixels, as: .webp, quality: 100, lossless: true)
    return 0
}
