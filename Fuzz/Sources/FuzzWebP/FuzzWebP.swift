import Foundation
import FuzzSupport
import LimnImage

// WebP files (lossy, lossless, extended, animated): header probe, validation, decode and
// metadata on any bytes; a decoded WebP written again as lossy WebP and as PNG validates.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWebP(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let (_, pixels) = fuzzImage(fuzzData(start, count), format: .webp) else { return 0 }
    fuzzReencode(pixels, as: .webp, lossless: false)
    fuzzReencode(pixels, as: .png, lossless: true)
    return 0
}
