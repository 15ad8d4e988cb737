import Foundation
import LimnImage

/// Limits small enough that every accepted image decodes in well under libFuzzer's memory cap.
public let fuzzImageLimits = ImageLimits(maxPixels: 4 << 20, maxBytes: 4 << 20)

/// Validates `data` as Limn validates any image it receives or reads, reads its metadata, and
/// decodes it when valid. Returns the image and its pixels when `data` is a valid `format` file.
/// A valid image of another format is decoded too (a mutation may turn one into another).
public func fuzzImage(_ data: Data, format: ImageFormat) -> (image: EncodedImage, pixels: PixelBuffer)? {
    _ = ImageMetadata.read(from: data)
    _ = ImageMetadata.stripping(from: data)
    guard let image = try? EncodedImage(validating: data, limits: fuzzImageLimits) else { return nil }
    let pixels: PixelBuffer
    do {
        pixels = try image.decode()
    } catch {
        require(false, "\(image.format) passed validation but does not decode: \(error)")
        return nil
    }
    require(pixels.width == image.width && pixels.height == image.height,
            "decoded \(pixels.width)x\(pixels.height), validated \(image.width)x\(image.height)")
    return image.format == format ? (image, pixels) : nil
}

/// Encodes decoded pixels again as `format` (what `save` does when formats differ) and checks
/// the result validates at the same size; `lossless` also compares the pixels.
public func fuzzReencode(_ pixels: PixelBuffer, as format: ImageFormat, quality: Int? = nil, lossless: Bool) {
    let encoded: EncodedImage
    do {
        encoded = try EncodedImage.encode(pixels, as: format, quality: quality)
    } catch {
        require(false, "cannot encode decoded \(pixels.width)x\(pixels.height) pixels as \(format): \(error)")
        return
    }
    guard let again = try? EncodedImage(validating: encoded.bytes, limits: fuzzImageLimits), let back = try? again.decode() else {
        require(false, "Limn's own \(format) output does not validate")
        return
    }
    require(back.width == pixels.width && back.height == pixels.height, "re-encoding changed the size")
    if lossless { require(back == pixels, "lossless re-encoding changed the pixels") }
}
