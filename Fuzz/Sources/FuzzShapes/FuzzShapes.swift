import Foundation
import FuzzSupport
import LimnImage
import LimnRouter

// Shape normalization: any body, as an answer on every route and operation, as JSON, as a
// server-sent event stream and untyped, at any status, must classify into a reply or a
// RouterError; never crash, hang or allocate past the limits. Images it yields are validated
// as Limn validates received images. The input's length picks the content type, status and
// route, so each execution normalizes once and mutations reach every combination.
private let limits = RouterLimits(maxResponseBytes: 1 << 20, maxBase64Length: 1 << 20, maxDownloadBytes: 1 << 20,
                                  maxJSONDepth: 64, maxImagesPerAnswer: 8,
                                  image: ImageLimits(maxPixels: 1 << 20, maxBytes: 1 << 20))
private let normalizer = ResponseNormalizer(limits: limits)
private let contentTypes: [String?] = ["application/json", "text/event-stream", nil, "text/html"]
private let routes: [(Route, LimnRouter.Operation)] = [(.images, .generate), (.images, .edit), (.chat, .chat), (.chat, .generate), (.gemini, .generate)]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzShapes(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let body = fuzzData(start, count)
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let index = count % contentTypes.count
    let (route, operation) = routes[count / contentTypes.count % routes.count]
    var headers = HTTPHeaders()
    if let contentType = contentTypes[index] { headers.fields.append((name: "Content-Type", value: contentType)) }
    let response = HTTPResponse(status: index == 3 ? 503 : 200, headers: headers, body: body)
    guard let reply = try? normalizer.normalize(response: response, route: route, operation: operation, now: now) else { return 0 }
    require(reply.images.count <= limits.maxImagesPerAnswer, "\(reply.images.count) images passed the limit")
    for case .bytes(let data, _) in reply.images {
        require(data.count <= limits.maxBase64Length, "a decoded image is larger than its base64 limit")
        _ = try? EncodedImage(validating: data, limits: limits.image)
    }
    return 0
}
