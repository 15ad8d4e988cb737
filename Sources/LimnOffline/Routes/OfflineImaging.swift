import Foundation
import LimnImage
import LimnRouter

/// Makes the encoded images every route returns: draws a prompt or edits inputs, then encodes.
/// Checks for task cancellation between the heavy steps.
enum OfflineImaging {
    /// One generated image: `index` is its position among the n of a request (it changes the seed).
    static func generate(prompt: String, options: ImageRequestOptions, index: Int) throws -> EncodedImage {
        let size = options.size ?? (1024, 1024)
        try checkCancellation()
        let pixels = SceneRenderer.render(prompt: prompt, width: size.width, height: size.height, index: index,
                                          transparent: options.transparent)
        try checkCancellation()
        // Noise does not compress; the fast PNG path keeps large noise images quick to produce.
        return try encode(pixels, options, fast: PromptScene(prompt: prompt).isNoise)
    }

    /// One edited image.
    static func edit(_ inputs: [PixelBuffer], mask: PixelBuffer?, prompt: String, options: ImageRequestOptions,
                     index: Int) throws -> EncodedImage {
        try checkCancellation()
        let seed = SeededRandom.hash(prompt) &+ UInt64(index)
        guard let pixels = EditComposer.edit(inputs, mask: mask, effect: EditEffect(prompt: prompt), size: options.size, seed: seed) else {
            throw OfflineFailure.missing("image")
        }
        try checkCancellation()
        return try encode(pixels, options, fast: false)
    }

    /// `make(0..<count)` in index order; several images are made concurrently, one child task each.
    static func each(_ count: Int, _ make: @escaping @Sendable (Int) throws -> EncodedImage) async throws -> [EncodedImage] {
        if count == 1 { return [try make(0)] }
        return try await withThrowingTaskGroup(of: (Int, EncodedImage).self) { group in
            for index in 0..<count { group.addTask { (index, try make(index)) } }
            var made = [EncodedImage?](repeating: nil, count: count)
            for try await (index, image) in group { made[index] = image }
            return made.compactMap { $0 }
        }
    }

    /// Decodes an uploaded or inlined image, or fails with a 400 naming `param`.
    static func decode(_ data: Data, param: String) throws(OfflineFailure) -> PixelBuffer {
        do {
            return try EncodedImage(validating: data).decode()
        } catch {
            throw .badRequest("Invalid image in '\(param)': \(error.message). Supported formats are png, jpeg, webp and gif.",
                              code: "invalid_image", param: param)
        }
    }

    /// What the offline provider drew, for `revised_prompt` and reply text.
    static func summary(prompt: String) -> String {
        let scene = PromptScene(prompt: prompt)
        if scene.isNoise { return "seeded random noise" }
        if !scene.shapes.isEmpty {
            let things = scene.shapes.map { shape in
                let color = shape.colors.first.map { ColorNamer.name($0) + " " } ?? ""
                let noun = shape.kind.rawValue
                if shape.kind == .stripes { return "\(color)stripes" }
                return shape.count > 1 ? "\(shape.count) \(color)\(noun)s" : "a \(color)\(noun)"
            }
            let background = scene.background.map { " on a \(ColorNamer.name($0)) background" } ?? ""
            return ColorNamer.list(things) + background
        }
        let colors = Array(Set(scene.palette.map(ColorNamer.name))).sorted()
        return colors.isEmpty ? "an abstract pattern" : "an abstract pattern in \(ColorNamer.list(colors))"
    }

    static func checkCancellation() throws(TransportError) {
        if Task.isCancelled { throw TransportError(.cancelled, "the offline request was cancelled") }
    }

    private static func encode(_ pixels: PixelBuffer, _ options: ImageRequestOptions, fast: Bool) throws -> EncodedImage {
        do {
            return try EncodedImage.encode(pixels, as: options.format, quality: options.quality, fast: fast)
        } catch {
            throw OfflineFailure(status: 500, "The offline provider could not encode the image: \(error.message)",
                                 type: "server_error", code: "encode_failed")
        }
    }
}
