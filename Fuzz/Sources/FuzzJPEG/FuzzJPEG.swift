import Foundation
import FuzzSupport
import LimnImage

// JPEG files: header probe, validation, decode and metadata on any bytes; a decoded JPEG
// written again as JPEG and as PNG validates at the same size (PNG keeps the pixels).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJPEG(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let (_, pixels) = fuzzImage(fuzzData(start, count), format: .jpeg) else { return 0 }
    fuzzReencode(pixels, as: .jpeg, lossless: false)
    fuzzReencode(pixels, as: .png, lossless: true)
    return 0
}
