import Foundation
import FuzzSupport
import LimnImage

// GIF files (Limn reads them, never writes them): header probe, validation (frames on the
// logical screen, under the pixel limit), decode and metadata on any bytes; a decoded GIF
// written as PNG keeps its pixels.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGIF(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let (_, pixels) = fuzzImage(fuzzData(start, count), format: .gif) else { return 0 }
    fuzzReencode(pixels, as: .png, lossless: true)
    return 0
}
