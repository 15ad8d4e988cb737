import Foundation
import LimnImage
@testable import LimnRouter

/// Test fixtures from `Fixtures/` (copied into the test bundle).
enum Fixtures {
    struct Missing: Error, CustomStringConvertible {
        let name: String
        var description: String { "fixture \(name) not found in the test bundle" }
    }

    static func url(_ name: String) throws -> URL {
        let file = (name as NSString).lastPathComponent
        let folder = (name as NSString).deletingLastPathComponent
        let base = (file as NSString).deletingPathExtension
        let ext = (file as NSString).pathExtension
        let subdirectory = folder.isEmpty ? "Fixtures" : "Fixtures/\(folder)"
        if let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: subdirectory) { return url }
        throw Missing(name: name)
    }

    /// The fixture's path in the source tree (for rewriting golden files).
    static func sourceURL(_ name: String, file: String = #filePath) -> URL {
        URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

    static func text(_ name: String) throws -> String { String(decoding: try data(name), as: UTF8.self) }

    /// A fixture file without its leading `//` or `#` comment lines (JSON fixtures name their source that way).
    static func body(_ name: String) throws -> Data {
        let lines = try text(name).split(separator: "\n", omittingEmptySubsequences: false)
        let kept = lines.drop { $0.hasPrefix("//") }
        return Data(kept.joined(separator: "\n").utf8)
    }

    static func image(_ name: String = "tiny.png", url: String? = nil) throws -> InputImage {
        InputImage(image: try EncodedImage(validating: data(name)), sourceURL: url)
    }

    /// tiny.png as base64, the bytes every image-bearing response fixture carries.
    static let tinyPNGBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAEklEQVR4nGP4z8DwHwyBNBgAAEnICff5q7YNAAAAAElFTkSuQmCC"
    static var tinyPNG: Data { Data(base64Encoded: tinyPNGBase64) ?? Data() }

    static let provider = Provider(name: "test", baseURL: URL(string: "https://router.test/v1")!,
                                   apiKey: Secret("sk-" + "test-0123456789abcdefWXYZ"))
}
