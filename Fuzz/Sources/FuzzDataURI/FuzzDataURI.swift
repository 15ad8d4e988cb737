import Foundation
import FuzzSupport
@testable import LimnRouter

// Data URIs and Markdown in text answers. Any text must analyze without a crash; and an image
// written as `![…](data:image/png;base64,…)` after any prose free of Markdown punctuation must
// come back as exactly the bytes it encodes.
private let limits = RouterLimits(maxResponseBytes: 1 << 20, maxBase64Length: 1 << 20, maxDownloadBytes: 1 << 20)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDataURI(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = fuzzData(start, count)
    _ = try? TextAnalysis.analyze(String(decoding: data, as: UTF8.self), field: "content", limits: limits)

    var reader = FuzzReader(data)
    let prose = reader.field().filter { !"![]()<>`\\%:".utf8.contains($0) }
    let payload = Data(reader.rest())
    guard !payload.isEmpty else { return 0 }
    let text = String(decoding: prose, as: UTF8.self) + "\n![image](data:image/png;base64,\(payload.base64EncodedString()))\n"
    do {
        let analysis = try TextAnalysis.analyze(text, field: "content", limits: limits)
        guard case .bytes(let decoded, let mime)? = analysis.images.last else {
            require(false, "no image found in \(text.prefix(200))")
            return 0
        }
        require(decoded == payload, "the data URI decodes to \(decoded.count) bytes, not the \(payload.count) encoded")
        require(mime == "image/png", "media type \(mime ?? "nil")")
    } catch {
        require(false, "a well-formed data URI was refused: \(error)")
    }
    return 0
}
