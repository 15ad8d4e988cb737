import Foundation
import LimnImage
import LimnRouter

/// Requests, responses and images for the record/replay tests.
enum Samples {
    /// A key-like string built at run time, so no source file holds one.
    static let key = ["sk", "proj", "R3c0rd" + String(repeating: "xQ9", count: 8)].joined(separator: "-")
    /// A Google-style key, also built at run time.
    static let googleKey = "AI" + "za" + "Sy" + String(repeating: "Kp3", count: 11)

    static let base = "https://router.example.com/v1"

    /// Seeded noise pixels as PNG: incompressible, so `side` 512 gives about 1 MB.
    static func noisePNG(side: Int, seed: UInt64 = 7) -> Data {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        var pixels = [UInt8](repeating: 0, count: side * side * 4)
        for i in pixels.indices {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            pixels[i] = UInt8(truncatingIfNeeded: state)
        }
        let buffer = PixelBuffer(width: side, height: side, pixels: pixels)
        // A test fixture: a failure here is a broken codec, which other suites report.
        return (try? EncodedImage.encode(buffer, as: .png, fast: true).bytes) ?? Data()
    }

    /// `POST /v1/images/generations` with the members in the order given.
    static func generation(_ members: [(String, JSONValue)], key: String? = Samples.key, spacing: String = "") -> HTTPRequest {
        var text = "{" + spacing
        text += members.map { "\(JSONValue.string($0.0).jsonText):\(spacing)\($0.1.jsonText)" }.joined(separator: "," + spacing)
        text += spacing + "}"
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let key { headers["Authorization"] = "Bearer \(key)" }
        return HTTPRequest(url: URL(string: base + "/images/generations")!, headers: headers, body: Data(text.utf8))
    }

    /// A generation request for `prompt` with the usual members.
    static func generation(prompt: String, key: String? = Samples.key) -> HTTPRequest {
        generation([("model", "gpt-image-1"), ("prompt", .string(prompt)), ("size", "1024x1024"), ("n", 1)], key: key)
    }

    /// `POST /v1/images/edits` as multipart with `boundary`, parts in the order given.
    static func edit(prompt: String, image: Data, boundary: String, promptFirst: Bool = true) -> HTTPRequest {
        var form = MultipartForm()
        if promptFirst { form.append("prompt", prompt) }
        form.append("model", "gpt-image-1")
        form.append("image[]", filename: "image.png", contentType: "image/png", body: image)
        if !promptFirst { form.append("prompt", prompt) }
        let headers: HTTPHeaders = ["Content-Type": MultipartForm.contentType(boundary: boundary), "Authorization": "Bearer \(key)"]
        return HTTPRequest(url: URL(string: base + "/images/edits")!, headers: headers, body: form.encoded(boundary: boundary))
    }

    /// An images-route answer carrying `image` as `b64_json`.
    static func b64Response(_ image: Data, revisedPrompt: String = "a red square") -> HTTPResponse {
        let body = #"{"created":1718000000,"data":[{"b64_json":""# + image.base64EncodedString()
            + #"","revised_prompt":"\#(revisedPrompt)"}],"usage":{"input_tokens":12,"output_tokens":4160}}"#
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/json", "x-request-id": "req_abc123"],
                            body: Data(body.utf8))
    }

    /// A short text answer.
    static func text(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain"], body: Data(text.utf8))
    }

    /// The longest run of base64 characters in `text` (an inlined image shows up as a long one).
    static func longestBase64Run(in data: Data) -> Int {
        var longest = 0
        var run = 0
        for b in data {
            let isBase64 = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2B || b == 0x2F || b == 0x3D
            run = isBase64 ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}
