import Foundation
import LimnImage
import LimnRouter
@testable import LimnOffline

/// Requests and decoding helpers shared by the offline provider's tests.
enum Offline {
    /// A router with a fixed clock, so whole responses are byte-identical.
    static let router = OfflineRouter(clock: { 1_700_000_000 })

    static func url(_ path: String) -> URL {
        URL(string: "http://offline.limn.invalid" + path) ?? OfflineRouter.baseURL
    }

    /// POSTs a JSON body (given as a JSON value) to `path`.
    static func post(_ path: String, json: JSONValue) async throws -> HTTPResponse {
        try await router.send(HTTPRequest(url: url(path), headers: ["Content-Type": "application/json"], body: json.serialized()))
    }

    /// POSTs raw bytes to `path`.
    static func post(_ path: String, body: Data, contentType: String = "application/json") async throws -> HTTPResponse {
        try await router.send(HTTPRequest(url: url(path), headers: ["Content-Type": contentType], body: body))
    }

    /// POSTs a multipart edit form to `/v1/images/edits`.
    static func edit(_ form: MultipartForm) async throws -> HTTPResponse {
        let boundary = form.stableBoundary()
        return try await post("/v1/images/edits", body: form.encoded(boundary: boundary),
                              contentType: MultipartForm.contentType(boundary: boundary))
    }

    /// An edit form with `prompt`, the images as `image` (one) or `image[]` (several), and extra fields.
    static func editForm(prompt: String, images: [EncodedImage], mask: EncodedImage? = nil,
                         fields: [(String, String)] = []) -> MultipartForm {
        var form = MultipartForm()
        form.append("model", "gpt-image-1")
        form.append("prompt", prompt)
        for (i, image) in images.enumerated() {
            form.append(images.count == 1 ? "image" : "image[]", filename: "image-\(i).\(image.format.fileExtension)",
                        contentType: image.mime, body: image.bytes)
        }
        if let mask { form.append("mask", filename: "mask.png", contentType: "image/png", body: mask.bytes) }
        for (k, v) in fields { form.append(k, v) }
        return form
    }

    /// A generations request for `prompt` with extra members.
    static func generate(_ prompt: String, _ extra: [(String, JSONValue)] = []) async throws -> HTTPResponse {
        var body: JSONObject = ["model": "gpt-image-1", "prompt": .string(prompt)]
        for (k, v) in extra { body[k] = v }
        return try await post("/v1/images/generations", json: .object(body))
    }

    /// The parsed JSON body.
    static func json(_ response: HTTPResponse) throws -> JSONValue {
        try JSONValue.parse(response.body)
    }

    /// The `data[].b64_json` images of an images response, validated.
    static func images(_ response: HTTPResponse) throws -> [EncodedImage] {
        let data = try json(response)["data"]?.arrayValue ?? []
        return try data.map { item in
            let b64 = item["b64_json"]?.stringValue ?? ""
            return try EncodedImage(validating: Data(base64Encoded: b64) ?? Data())
        }
    }

    /// The first image of an images response, decoded.
    static func firstPixels(_ response: HTTPResponse) throws -> PixelBuffer {
        guard let image = try images(response).first else { throw TestFailure("no image in the response") }
        return try image.decode()
    }

    /// A PNG of `pixels`.
    static func png(_ pixels: PixelBuffer) throws -> EncodedImage {
        try EncodedImage.encode(pixels, as: .png)
    }

    /// A deterministic test photo: a pattern rendered by the provider itself.
    static func sample(_ prompt: String = "a sunset over the ocean in orange and purple", width: Int = 96, height: Int = 64) -> PixelBuffer {
        SceneRenderer.render(prompt: prompt, width: width, height: height)
    }

    /// How many pixels differ between two equally sized buffers.
    static func differingPixels(_ a: PixelBuffer, _ b: PixelBuffer) -> Int {
        var n = 0
        for i in stride(from: 0, to: a.pixels.count, by: 4) where a.pixels[i..<(i + 4)] != b.pixels[i..<(i + 4)] { n += 1 }
        return n
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
