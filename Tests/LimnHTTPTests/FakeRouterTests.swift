import Foundation
import LimnHTTP
import LimnImage
import LimnRouter
import LimnTesting
import Testing

@Suite("FakeRouter")
struct FakeRouterTests {
    @Test("model families get the answers router-shapes.md describes", arguments: [
        ("gpt-image-1", Route.images, FakeAnswer.imagesB64),
        ("gpt-image-2", .images, .imagesB64),
        ("dall-e-3", .images, .imagesURL()),
        ("nano-banana-2", .images, .imagesURL()),
        ("doubao-seedream-4-0", .images, .imagesURL()),
        ("qwen-image-plus", .images, .imagesURL()),
        ("grok-4-image", .images, .imagesURL(mimeType: true)),
        ("gpt-4o", .chat, .text()),
        ("gpt-4o-image", .chat, .taskText(.chinese)),
        ("gemini-2.5-flash-image", .chat, .markdown(.dataURI, count: 1)),
        ("claude-sonnet", .chat, .text()),
        ("gemini-3-pro-image-preview", .gemini, .geminiInline(.camelCase)),
        ("nano-banana-2", .gemini, .geminiInline(.camelCase)),
    ])
    func defaults(model: String, route: Route, expected: FakeAnswer) {
        #expect(FakeAnswer.defaultAnswer(model: model, route: route) == expected)
    }

    @Test("rules: model+route beats model beats route beats catch-all beats the default")
    func ruleOrder() {
        let router = FakeRouter()
        router.answer(with: .text("any"))
        #expect(router.currentAnswer(model: "gpt-image-1", route: .images) == .text("any"))
        router.answer(route: .images, with: .imagesURL())
        #expect(router.currentAnswer(model: "gpt-image-1", route: .images) == .imagesURL())
        router.answer(model: "GPT-IMAGE-1", with: .imagesStream())
        #expect(router.currentAnswer(model: "gpt-image-1", route: .images) == .imagesStream())
        router.answer(model: "gpt-image-1", route: .images, with: .imagesB64)
        #expect(router.currentAnswer(model: "gpt-image-1", route: .images) == .imagesB64)
        #expect(router.currentAnswer(model: "other", route: .chat) == .text("any"))
        router.answer(model: "gemini-*-image*", with: .geminiText(.url))
        #expect(router.currentAnswer(model: "gemini-2.5-flash-image", route: .gemini) == .geminiText(.url))
        #expect(router.currentAnswer(model: "gemini-2.5-flash", route: .gemini) == .text("any"))
        router.resetScenario()
        #expect(router.currentAnswer(model: "gpt-4o", route: .chat) == .text())
    }

    @Test("a fault is used the given number of times, only by matching requests, then the normal answer returns")
    func faultsAreCounted() async throws {
        try await withFakeRouter { router, base in
            router.fail(.serverError(status: 503), times: 2, model: "gpt-image-1")
            try await withTransport { transport in
                let other = try await transport.send(jsonRequest(base, "chat/completions", ["model": "gpt-4o", "messages": []]))
                #expect(other.status == 200)
                var statuses: [Int] = []
                for _ in 0..<3 {
                    statuses.append(try await transport.send(jsonRequest(base, "images/generations", ["model": "gpt-image-1", "prompt": "x"])).status)
                }
                #expect(statuses == [503, 503, 200])
                #expect(router.pendingFaults == 0)
            }
        }
    }

    @Test("429 carries Retry-After and a rate_limit_exceeded body")
    func rateLimit() async throws {
        try await withFakeRouter { router, base in
            router.fail(.rateLimited(retryAfter: 7))
            try await withTransport { transport in
                let response = try await transport.send(jsonRequest(base, "chat/completions", ["model": "gpt-4o", "messages": []]))
                #expect(response.status == 429)
                #expect(response.headers["Retry-After"] == "7")
                #expect(try JSONValue.parse(response.body)["error"]?["code"]?.stringValue == "rate_limit_exceeded")
            }
        }
    }

    @Test("images come at the requested size and format, and at the configured ones when set")
    func imageSizeAndFormat() async throws {
        try await withFakeRouter { _, base in
            try await withTransport { transport in
                let body: JSONValue = ["model": "gpt-image-1", "prompt": "x", "size": "48x32", "output_format": "webp", "n": 3]
                let json = try JSONValue.parse(try await transport.send(jsonRequest(base, "images/generations", body)).body)
                let items = try #require(json["data"]?.arrayValue)
                #expect(items.count == 3)
                var hashes = Set<String>()
                for item in items {
                    let bytes = try #require(Data(base64Encoded: item["b64_json"]?.stringValue ?? ""))
                    let image = try EncodedImage(validating: bytes)
                    #expect((image.width, image.height, image.format) == (48, 32, .webp))
                    hashes.insert(image.sha256)
                }
                #expect(hashes.count == 3)
            }
        }
        try await withFakeRouter(FakeRouterConfiguration(imageSize: FakeImageSize(20, 10), imageFormat: .jpeg)) { _, base in
            try await withTransport { transport in
                let body: JSONValue = ["model": "gpt-image-1", "prompt": "x", "size": "1024x1024"]
                let json = try JSONValue.parse(try await transport.send(jsonRequest(base, "images/generations", body)).body)
                let bytes = try #require(Data(base64Encoded: json["data"]?[0]?["b64_json"]?.stringValue ?? ""))
                let image = try EncodedImage(validating: bytes)
                #expect((image.width, image.height, image.format) == (20, 10, .jpeg))
            }
        }
    }

    @Test("noise images do not compress: about 4 MB at 1024x1024")
    func noiseImage() async throws {
        try await withFakeRouter(FakeRouterConfiguration(imageSize: FakeImageSize(1024, 1024), noise: true)) { _, base in
            try await withTransport { transport in
                let json = try JSONValue.parse(try await transport.send(jsonRequest(base, "images/generations", ["model": "nano-banana", "prompt": "x"])).body)
                let url = try #require(json["data"]?[0]?["url"]?.stringValue.flatMap(URL.init(string:)))
                let file = try await transport.send(HTTPRequest(method: "GET", url: url))
                #expect(file.headers["Content-Type"] == "image/png")
                #expect(file.body.count > 3_000_000 && file.body.count < 5_000_000)
                #expect(try EncodedImage(validating: file.body).width == 1024)
            }
        }
    }

    @Test("uploads return a URL on the router that serves the same bytes")
    func uploads() async throws {
        try await withFakeRouter { router, base in
            try await withTransport { transport in
                let png = try EncodedImage.encode(PixelBuffer(width: 5, height: 5, fill: RGBA(1, 2, 3)), as: .png)
                var form = MultipartForm()
                form.append("purpose", "model_input")
                form.append("file", filename: "in.png", contentType: "image/png", body: png.bytes)
                let boundary = form.stableBoundary()
                let request = HTTPRequest(method: "POST", url: base.appendingPathComponent("files/uploads"),
                                          headers: ["Content-Type": MultipartForm.contentType(boundary: boundary)],
                                          body: form.encoded(boundary: boundary))
                let answer = try JSONValue.parse(try await transport.send(request).body)
                #expect(answer["mime_type"]?.stringValue == "image/png")
                #expect(answer["size"]?.intValue == png.bytes.count)
                #expect(answer["id"]?.stringValue?.hasPrefix("file_") == true)
                let url = try #require(answer["url"]?.stringValue.flatMap(URL.init(string:)))
                #expect(url.host == router.rootURL?.host)
                #expect(try await transport.send(HTTPRequest(method: "GET", url: url)).body == png.bytes)
                let base64 = jsonRequest(base, "files/uploads/base64", ["data": .string(png.dataURI), "filename": "in.png"])
                #expect(try JSONValue.parse(try await transport.send(base64).body)["url"] != nil)
            }
        }
    }

    @Test("the task preview link is an HTML page served by the router itself")
    func taskPages() async throws {
        try await withFakeRouter { _, base in
            try await withTransport { transport in
                let root = base.deletingLastPathComponent()
                let page = try await transport.send(HTTPRequest(method: "GET", url: root.appendingPathComponent("asyncdata/web/task_01abc")))
                #expect(page.status == 200)
                #expect(page.headers["Content-Type"]?.hasPrefix("text/html") == true)
                #expect(ImageFormat.sniff(page.body) == nil)
                #expect(String(decoding: page.body, as: UTF8.self).contains("task_01abc"))
                let source = try await transport.send(HTTPRequest(method: "GET", url: root.appendingPathComponent("asyncdata/source/task_01abc")))
                #expect(try JSONValue.parse(source.body)["id"]?.stringValue == "task_01abc")
                let missing = try await transport.send(HTTPRequest(method: "GET", url: root.appendingPathComponent("nothing/here")))
                #expect(missing.status == 404)
            }
        }
    }

    @Test("a required key is enforced: 401 invalid_api_key without it")
    func requiredKey() async throws {
        try await withFakeRouter(FakeRouterConfiguration(requiredKey: testKey)) { _, base in
            try await withTransport { transport in
                let bare = try await transport.send(jsonRequest(base, "chat/completions", ["model": "gpt-4o", "messages": []]))
                #expect(bare.status == 401)
                let keyed = try await transport.send(jsonRequest(base, "chat/completions", ["model": "gpt-4o", "messages": []],
                                                                 headers: ["Authorization": "Bearer \(testKey)"]))
                #expect(keyed.status == 200)
            }
        }
    }

    @Test("stop ends hung requests and frees the port")
    func stopEndsHangs() async throws {
        let router = FakeRouter()
        let base = try await router.start()
        router.fail(.hang)
        try await withTransport { transport in
            let task = Task { await transportFailure { try await transport.send(jsonRequest(base, "chat/completions", ["model": "gpt-4o"])) } }
            // Stop only once the request is in (a fixed sleep raced the connect on a busy machine).
            for _ in 0..<200 where router.requests.isEmpty { try await Task.sleep(for: .milliseconds(25)) }
            #expect(!router.requests.isEmpty, "the request reached the router")
            await router.stop()
            let (error, elapsed) = await task.value
            #expect(error?.kind == .reset)
            #expect(elapsed < .seconds(30))
        }
        #expect(router.baseURL == nil)
    }

    @Test("the command line sets the configuration")
    func commandLine() throws {
        let parsed = try FakeRouterCommandLine(arguments: ["--port", "0", "--latency-ms", "500", "--image-size", "1024x1024",
                                                           "--format", "webp", "--noise", "--key", "k"])
        #expect(parsed.configuration.latency == .milliseconds(500))
        #expect(parsed.configuration.imageSize == FakeImageSize(1024, 1024))
        #expect(parsed.configuration.imageFormat == .webp)
        #expect(parsed.configuration.noise)
        #expect(parsed.configuration.requiredKey == "k")
        #expect(!parsed.configuration.recordRequests)
        #expect(throws: FakeRouterError.self) { try FakeRouterCommandLine(arguments: ["--format", "gif"]) }
        #expect(throws: FakeRouterError.self) { try FakeRouterCommandLine(arguments: ["--image-size", "auto"]) }
        #expect(throws: FakeRouterError.self) { try FakeRouterCommandLine(arguments: ["--bogus"]) }
        #expect(try FakeRouterCommandLine(arguments: ["-h"]).showHelp)
    }
}
