import Foundation
import LimnImage
import LimnRouter
@testable import LimnHistory

/// A fresh folder under the system temporary folder; tests `defer { folder.remove() }`.
struct TemporaryFolder: Sendable {
    let url: URL

    init(_ label: String = #function) throws {
        let name = label.filter { $0.isLetter || $0.isNumber }
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("limn-history-\(name)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Every regular file under the folder, as paths relative to it.
    func files() -> [String] {
        let base = url.resolvingSymlinksInPath().path
        let walker = FileManager.default.enumerator(atPath: base)
        var found: [String] = []
        while let item = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + item, isDirectory: &isDirectory), !isDirectory.boolValue {
                found.append(item)
            }
        }
        return found.sorted()
    }
}

enum Fixtures {
    /// A small PNG whose colour, and therefore digest, depends on `seed`.
    static func image(_ seed: Int, width: Int = 4, height: Int = 3, format: ImageFormat = .png) throws -> EncodedImage {
        let colour = RGBA(UInt8(seed % 256), UInt8((seed / 256) % 256), 77)
        return try EncodedImage.encode(PixelBuffer(width: width, height: height, fill: colour), as: format)
    }

    /// A PNG of seeded noise that does not compress (several kilobytes).
    static func noise(seed: UInt64, size: Int = 48) throws -> EncodedImage {
        var state = seed &+ 0x9E37_79B9_7F4A_7C15
        var pixels = [UInt8](repeating: 255, count: size * size * 4)
        for index in pixels.indices where index % 4 != 3 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            pixels[index] = UInt8(truncatingIfNeeded: state >> 33)
        }
        return try EncodedImage.encode(PixelBuffer(width: size, height: size, pixels: pixels), as: .png)
    }

    static func generateCall(_ prompt: String, model: String = "gpt-image-1") -> Call {
        var options = CallOptions()
        options.size = "1024x1024"
        return Call(operation: .generate, model: model, prompt: prompt, options: options)
    }

    static func editCall(_ prompt: String, input: EncodedImage, model: String = "gpt-image-1") -> Call {
        Call(operation: .edit, model: model, prompt: prompt, images: [InputImage(image: input)])
    }

    /// A result with `images`, sent parameters naming the model and prompt, 2 attempts, 1.234 s.
    static func result(for call: Call, images: [EncodedImage], revisedPrompt: String? = nil,
                       route: Route = .images, shape: Shape = .imagesB64) -> CallResult {
        let received = images.map { ReceivedImage(image: $0, shape: shape, revisedPrompt: revisedPrompt) }
        let reply = NormalizedReply(shape: shape, images: images.map { .bytes($0.bytes, mime: $0.mime) },
                                    revisedPrompts: images.map { _ in revisedPrompt },
                                    usage: ["total_tokens": 42])
        var sent: JSONObject = ["model": .string(call.model)]
        if let prompt = call.prompt { sent["prompt"] = .string(prompt) }
        sent["size"] = "1024x1024"
        return CallResult(reply: reply, images: received, route: route, model: call.model, status: 200,
                          requestID: "req_\(call.prompt?.count ?? 0)", attempts: 2, elapsed: .milliseconds(1234),
                          sentParameters: sent)
    }

    static func runInfo(_ script: String = "recipes/cat.lua") -> RunInfo {
        RunInfo(scriptPath: script, scriptSHA256: String(repeating: "a", count: 64), arguments: ["--size", "small"],
                provider: "offline", baseURL: "https://api.example.com/v1", limnVersion: "0.1.0-test")
    }
}
