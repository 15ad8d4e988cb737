import Foundation
import LimnImage
import LimnRouter
import Testing
@testable import LimnRecord

@Suite("Request canonicalization")
struct RequestFingerprintTests {
    @Test("the canonical text is one line per fact, keys sorted, no key")
    func canonicalText() {
        let request = Samples.generation([("prompt", "a red square"), ("model", "gpt-image-1"), ("n", 2),
                                          ("extra", ["b": true, "a": [1.5, "x"]])])
        #expect(RequestFingerprint(request).text == """
            :method: POST
            :path: /v1/images/generations
            :content-type: application/json
            extra.a[0]: 1.5
            extra.a[1]: "x"
            extra.b: true
            model: "gpt-image-1"
            n: 2
            prompt: "a red square"
            """)
    }

    @Test("JSON member order, whitespace, the key and volatile fields do not change the fingerprint")
    func jsonOrderIgnored() {
        let a = Samples.generation([("model", "m"), ("prompt", "p"), ("size", "1024x1024")])
        let b = Samples.generation([("user", "run-8f2e"), ("size", "1024x1024"), ("prompt", "p"), ("model", "m")],
                                   key: "sk-" + "another-key-0123456789abcdef", spacing: "\n  ")
        #expect(RequestFingerprint(a) == RequestFingerprint(b))
        #expect(RequestFingerprint(a).sha256.count == 64)
        #expect(RequestFingerprint(a) != RequestFingerprint(Samples.generation([("model", "m"), ("prompt", "p2"), ("size", "1024x1024")])))
    }

    @Test("the multipart boundary and part order do not change the fingerprint; the image's content does")
    func multipartBoundaryIgnored() {
        let image = Samples.noisePNG(side: 24)
        let a = Samples.edit(prompt: "watercolor", image: image, boundary: "limn-aaaaaaaaaaaaaaaa", promptFirst: true)
        let b = Samples.edit(prompt: "watercolor", image: image, boundary: "----WebKitFormBoundary7MA4YWxkTrZu0gW", promptFirst: false)
        let c = Samples.edit(prompt: "watercolor", image: Samples.noisePNG(side: 24, seed: 99), boundary: "limn-aaaaaaaaaaaaaaaa")
        #expect(a.body != b.body)
        #expect(RequestFingerprint(a) == RequestFingerprint(b))
        #expect(RequestFingerprint(a) != RequestFingerprint(c))
        #expect(RequestFingerprint(a).text.contains(#"image[]: file "image.png" image/png @sha256:\#(SHA256Digest.hex(image)).png"#))
        #expect(RequestFingerprint(a).text.contains(":content-type: multipart/form-data\n"))
    }

    @Test("keys in headers, the query and the body are removed; the query is sorted")
    func keysRemoved() {
        var request = HTTPRequest(url: URL(string: "https://h.example/v1beta/models/gemini-2.5-flash-image:generateContent?b=2&key=\(Samples.googleKey)&a=1")!,
                                  headers: ["Content-Type": "application/json; charset=utf-8", "x-goog-api-key": Samples.googleKey,
                                            "User-Agent": "limn/0.1"],
                                  body: Data(#"{"api_key":"\#(Samples.key)","contents":[{"parts":[{"text":"say \#(Samples.key)"}]}]}"#.utf8))
        let text = RequestFingerprint(request).text
        #expect(!text.contains(Samples.googleKey))
        #expect(!text.contains(Samples.key))
        #expect(!text.contains("limn/0.1"))
        #expect(text.contains(":path: /v1beta/models/gemini-2.5-flash-image:generateContent?a=1&b=2\n"))
        #expect(text.contains(#"contents[0].parts[0].text: "say [redacted]""#))
        request.headers["x-goog-api-key"] = nil
        #expect(RequestFingerprint(request) != RequestFingerprint(HTTPRequest(url: request.url, headers: request.headers, body: Data())))
    }

    @Test("a key sent as a multipart field is dropped, and scrubbed where another field repeats it")
    func multipartKeyRemoved() {
        var form = MultipartForm()
        form.append("api_key", Samples.key)
        form.append("prompt", "note \(Samples.key)")
        let request = HTTPRequest(url: URL(string: Samples.base + "/images/edits")!,
                                  headers: ["Content-Type": MultipartForm.contentType(boundary: "bb")], body: form.encoded(boundary: "bb"))
        let text = RequestFingerprint(request).text
        #expect(!text.contains(Samples.key))
        #expect(!text.contains("api_key"))
        #expect(text.hasSuffix(#"prompt: "note [redacted]""#))
    }

    @Test("host, port and scheme are ignored, so a recording replays against any base URL")
    func hostIgnored() {
        let a = HTTPRequest(url: URL(string: "https://api.crazyrouter.com/v1/images/generations")!, body: Data("{}".utf8))
        let b = HTTPRequest(url: URL(string: "http://127.0.0.1:50123/v1/images/generations")!, body: Data("{}".utf8))
        #expect(RequestFingerprint(a) == RequestFingerprint(b))
    }

    @Test("input images become @sha256 tokens in the canonical form, with the decoded bytes kept as a file")
    func inputImagesExternalized() {
        let image = Samples.noisePNG(side: 20)
        let uri = "data:image/png;base64," + image.base64EncodedString()
        let request = Samples.generation([("model", "gpt-4o"), ("messages", [["role": "user", "content": [
            ["type": "image_url", "image_url": ["url": .string(uri)]], ["type": "text", "text": "describe"],
        ]]])])
        let prepared = RequestCanonicalizer().prepare(request)
        let token = "@sha256:\(SHA256Digest.hex(image)).png"
        #expect(prepared.fingerprint.text.contains(#"messages[0].content[0].image_url.url: "data:image/png;base64,\#(token)""#))
        #expect(prepared.blobs.map(\.data) == [image])
    }

    @Test("the canonical form read back from the index gives the same fingerprint")
    func indexRoundTrip() throws {
        let image = Samples.noisePNG(side: 16)
        for request in [Samples.generation([("prompt", "p"), ("temperature", 0.7), ("weird key", ["a.b": 1e-07]), ("n", .null)]),
                        Samples.edit(prompt: "sketch", image: image, boundary: "b0undary")] {
            let canonical = RequestCanonicalizer().canonicalize(request)
            let line = JSONValue.object(["r": canonical.indexValue]).serializedCanonical()
            let back = try CanonicalRequest(indexValue: try #require(try JSONValue.parse(line)["r"]))
            #expect(RequestFingerprint(back) == RequestFingerprint(canonical))
            #expect(back == canonical)
        }
    }
}
