import Foundation
import Testing
@testable import LimnRouter

@Suite("Request builder")
struct RequestBuilderTests {
    let provider = Fixtures.provider
    var key: String { provider.apiKey?.revealedValue ?? "" }

    func json(_ request: HTTPRequest) throws -> JSONValue { try JSONValue.parse(request.body) }

    func form(_ request: HTTPRequest) throws -> MultipartForm {
        try MultipartForm.parse(request.body, contentType: try #require(request.headers["Content-Type"]))
    }

    func options(_ edit: (inout CallOptions) -> Void) -> CallOptions {
        var o = CallOptions()
        edit(&o)
        return o
    }

    // MARK: images/generations

    @Test func gptImageGenerationCarriesEachFieldAndValidates() throws {
        let call = Call(operation: .generate, model: "gpt-image-1", prompt: "a cat", options: options {
            $0.n = 2; $0.size = "1024x1536"; $0.quality = "high"; $0.background = "opaque"; $0.format = "webp"; $0.compression = 80
        })
        let request = try RequestBuilder.build(call: call, route: .images, provider: provider)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "https://router.test/v1/images/generations")
        #expect(request.headers["Authorization"] == "Bearer \(key)")
        #expect(request.headers["Content-Type"] == "application/json")
        #expect(request.timeout == .seconds(600))
        let body = try json(request)
        #expect(body.objectValue?.keys == ["model", "prompt", "n", "size", "quality", "background", "output_format", "output_compression"])
        #expect(body["model"] == "gpt-image-1")
        #expect(body["prompt"] == "a cat")
        #expect(body["n"] == .int(2))
        #expect(body["output_compression"] == .int(80))
        #expect(try SchemaValidator.load().validate(body, against: "CreateImageRequest") == [])
    }

    @Test(arguments: ["gpt-image-1", "gpt-image-2", "gpt-image-1-mini", "chatgpt-image-latest"])
    func gptImageNeverCarriesResponseFormat(model: String) throws {
        let call = Call(operation: .generate, model: model, prompt: "x", extra: ["response_format": "b64_json", "moderation": "low"])
        let body = try json(RequestBuilder.build(call: call, route: .images, provider: provider))
        #expect(body["response_format"] == nil)
        #expect(body["moderation"] == "low")
        let edit = Call(operation: .edit, model: model, prompt: "x", images: [try Fixtures.image()], extra: ["response_format": "url"])
        #expect(try form(RequestBuilder.build(call: edit, route: .images, provider: provider)).value("response_format") == nil)
    }

    @Test func dallEKeepsAResponseFormatGivenInExtra() throws {
        let call = Call(operation: .generate, model: "dall-e-3", prompt: "x", extra: ["response_format": "b64_json", "style": "vivid"])
        let body = try json(RequestBuilder.build(call: call, route: .images, provider: provider))
        #expect(body["response_format"] == "b64_json")
        #expect(try SchemaValidator.load().validate(body, against: "CreateImageRequest") == [])
    }

    @Test func extraIsMergedLastAndDeeply() throws {
        let call = Call(operation: .generate, model: "gpt-image-2", prompt: "x", options: options { $0.size = "1024x1024" },
                        extra: ["size": "2048x1152", "stream": true, "partial_images": 2])
        let body = try json(RequestBuilder.build(call: call, route: .images, provider: provider))
        #expect(body["size"] == "2048x1152")
        #expect(body["stream"] == .bool(true))
        #expect(try SchemaValidator.load().validate(body, against: "CreateImageRequest") == [])
    }

    @Test func nanoBananaSendsRouterExtrasOnlyWhenAsked() throws {
        let plain = Call(operation: .generate, model: "nano-banana-2", prompt: "x", options: options { $0.format = "png" })
        let plainBody = try json(RequestBuilder.build(call: plain, route: .images, provider: provider))
        #expect(plainBody.objectValue?.keys == ["model", "prompt", "output_format"])

        let withRefs = Call(operation: .edit, model: "nano-banana-pro", prompt: "x",
                            images: [try Fixtures.image(url: "https://cdn.test/a.png"), try Fixtures.image(url: "https://cdn.test/b.webp")],
                            extra: ["resolution": "4K", "aspect_ratio": "21:9"])
        let request = try RequestBuilder.build(call: withRefs, route: .images, provider: provider)
        #expect(request.url.path == "/v1/images/generations")
        let body = try json(request)
        #expect(body["image_input"] == ["https://cdn.test/a.png", "https://cdn.test/b.webp"])
        #expect(body["resolution"] == "4K")
        #expect(body["aspect_ratio"] == "21:9")
        #expect(body["image"] == nil)
    }

    @Test func nanoBananaRefusesAnInlineImageNamingTheRoutesThatTakeIt() throws {
        let call = Call(operation: .edit, model: "nano-banana-2", prompt: "x", images: [try Fixtures.image()])
        #expect {
            _ = try RequestBuilder.build(call: call, route: .images, provider: provider)
        } throws: { error in
            guard let e = error as? RouterError else { return false }
            return e.kind == .config && e.message.contains("via=\"gemini\"") && e.message.contains("image_input")
        }
    }

    // MARK: images/edits

    @Test func singleImageEditIsMultipartWithImageField() throws {
        let call = Call(operation: .edit, model: "gpt-image-1", prompt: "watercolor", images: [try Fixtures.image("tiny.jpg")],
                        mask: try Fixtures.image("mask.png"),
                        options: options { $0.n = 1; $0.size = "1024x1024"; $0.quality = "low"; $0.fidelity = "high"; $0.format = "jpeg"; $0.compression = 50 },
                        extra: ["user": "u-1", "quality": "medium"])
        let request = try RequestBuilder.build(call: call, route: .images, provider: provider)
        #expect(request.url.absoluteString == "https://router.test/v1/images/edits")
        #expect(request.headers["Content-Type"]?.hasPrefix("multipart/form-data; boundary=limn-") == true)
        let parsed = try form(request)
        let image = try #require(parsed.parts(named: "image").first)
        #expect(image.filename == "image.jpg")
        #expect(image.contentType == "image/jpeg")
        #expect(image.body == (try Fixtures.data("tiny.jpg")))
        let mask = try #require(parsed.parts(named: "mask").first)
        #expect(mask.filename == "mask.png" && mask.contentType == "image/png")
        #expect(parsed.value("model") == "gpt-image-1")
        #expect(parsed.value("prompt") == "watercolor")
        #expect(parsed.value("input_fidelity") == "high")
        #expect(parsed.value("output_compression") == "50")
        #expect(parsed.parts(named: "quality").map(\.text) == ["medium"])
        #expect(parsed.value("user") == "u-1")
        #expect(parsed.parts(named: "image[]").isEmpty)
        #expect(try SchemaValidator.load().validate(parsed.schemaView(), against: "CreateImageEditRequest") == [])
    }

    @Test func severalImagesAreRepeatedImageBracketParts() throws {
        let call = Call(operation: .edit, model: "gpt-image-2", prompt: "combine",
                        images: [try Fixtures.image("tiny.png"), try Fixtures.image("tiny.webp"), try Fixtures.image("tiny.jpg")])
        let parsed = try form(RequestBuilder.build(call: call, route: .images, provider: provider))
        let parts = parsed.parts(named: "image[]")
        #expect(parts.map(\.filename) == ["image-1.png", "image-2.webp", "image-3.jpg"])
        #expect(parts.map(\.contentType) == ["image/png", "image/webp", "image/jpeg"])
        #expect(parsed.parts(named: "image").isEmpty)
        #expect(try SchemaValidator.load().validate(parsed.schemaView(), against: "CreateImageEditRequest") == [])
    }

    @Test func multipartBodyIsStableAcrossBuilds() throws {
        let call = Call(operation: .edit, model: "gpt-image-1", prompt: "x", images: [try Fixtures.image()])
        let a = try RequestBuilder.build(call: call, route: .images, provider: provider)
        let b = try RequestBuilder.build(call: call, route: .images, provider: provider)
        #expect(a.body == b.body)
    }

    @Test func editWithoutImageOrPromptIsAConfigError() throws {
        for call in [Call(operation: .edit, model: "gpt-image-1", prompt: "x"),
                     Call(operation: .edit, model: "gpt-image-1", images: [try Fixtures.image()])] {
            #expect {
                _ = try RequestBuilder.build(call: call, route: .images, provider: provider)
            } throws: { ($0 as? RouterError)?.kind == .config }
        }
    }

    @Test func noKeyMeansNoAuthorizationHeader() throws {
        let open = Provider(name: "local", baseURL: URL(string: "http://127.0.0.1:9/v1")!)
        let call = Call(operation: .generate, model: "gpt-image-1", prompt: "x")
        for route in Route.allCases {
            let request = try RequestBuilder.build(call: call, route: route, provider: open)
            #expect(request.headers["Authorization"] == nil && request.headers["x-goog-api-key"] == nil)
        }
    }

    @Test func timeoutComesFromTheCall() throws {
        let call = Call(operation: .generate, model: "gpt-image-1", prompt: "x", timeout: .seconds(42))
        #expect(try RequestBuilder.build(call: call, route: .images, provider: provider).timeout == .seconds(42))
    }

    @Test func parametersSummarizeImagesAndHoldNoKey() throws {
        let call = Call(operation: .edit, model: "gpt-image-1", prompt: "x", images: [try Fixtures.image(), try Fixtures.image()])
        let prepared = try RequestBuilder().prepare(call: call, route: .images, provider: provider)
        #expect(prepared.parameters["image[]"] == ["<file image-1.png image/png, 75 bytes>", "<file image-2.png image/png, 75 bytes>"])
        #expect(!prepared.parameters.serialized().contains(Data(key.utf8)) == true)
        let chat = try RequestBuilder().prepare(call: Call(operation: .chat, model: "gpt-4o", prompt: "describe",
                                                           images: [try Fixtures.image("noise64.png")]), route: .chat, provider: provider)
        #expect(chat.request.body.count > 12_000)
        #expect(chat.parameters.serialized().count < 300)
        let url = chat.parameters["messages"]?[0]?["content"]?[1]?["image_url"]?["url"]?.stringValue ?? ""
        #expect(url.hasPrefix("<image/png;base64 data URI, "))
    }
}

extension Data {
    func contains(_ other: Data) -> Bool { range(of: other) != nil }
}
