import Foundation
import LimnHTTP
import LimnImage
import LimnRouter
import LimnTesting
import Testing

/// One shape served by the fake router and what RouterClient must make of it.
struct ShapeCase: Sendable, CustomTestStringConvertible {
    var model: String
    var answer: FakeAnswer
    var call: Call
    var shape: Shape
    var images: Int
    var format: ImageFormat = .png
    var testDescription: String { "\(model) \(answer) → \(shape.rawValue) ×\(images)" }

    static let all: [ShapeCase] = [
        // images route
        ShapeCase(model: "gpt-image-1", answer: .imagesB64, call: generate("gpt-image-1", n: 2, format: "webp"), shape: .imagesB64,
                  images: 2, format: .webp),
        ShapeCase(model: "nano-banana-2", answer: .imagesURL(), call: generate("nano-banana-2", n: 3), shape: .imagesURL, images: 3),
        ShapeCase(model: "grok-4-image", answer: .imagesURL(mimeType: true), call: generate("grok-4-image", format: "jpeg"),
                  shape: .imagesURL, images: 1, format: .jpeg),
        ShapeCase(model: "gpt-image-1", answer: .imagesStream(done: false), call: generate("gpt-image-1", n: 2), shape: .imagesStream,
                  images: 2),
        ShapeCase(model: "gpt-image-1", answer: .imagesStream(done: true), call: generate("gpt-image-1"), shape: .imagesStream, images: 1),
        // chat route
        ShapeCase(model: "gpt-4o", answer: .multipart(.dataURI, count: 2), call: generate("gpt-4o"), shape: .multipart, images: 2),
        ShapeCase(model: "gpt-4o", answer: .multipart(.url), call: generate("gpt-4o"), shape: .multipart, images: 1),
        ShapeCase(model: "gpt-4o", answer: .multipart(.bareBase64), call: generate("gpt-4o"), shape: .multipart, images: 1),
        ShapeCase(model: "gpt-4o", answer: .text("Just words."), call: chat("gpt-4o"), shape: .text, images: 0),
        ShapeCase(model: "gemini-2.5-flash-image", answer: .markdown(.dataURI, count: 2),
                  call: generate("gemini-2.5-flash-image", via: .chat), shape: .markdownImage, images: 2),
        ShapeCase(model: "gpt-4o", answer: .markdown(.url, count: 2), call: generate("gpt-4o"), shape: .markdownImage, images: 2),
        ShapeCase(model: "gpt-4o-image", answer: .taskText(.chinese, count: 2), call: generate("gpt-4o-image"), shape: .taskText, images: 2),
        ShapeCase(model: "gpt-4o-image", answer: .taskText(.english), call: generate("gpt-4o-image"), shape: .taskText, images: 1),
        ShapeCase(model: "gpt-4o-image", answer: .taskText(.headerOnly), call: chat("gpt-4o-image"), shape: .taskText, images: 0),
        ShapeCase(model: "openrouter-gemini", answer: .messageImages(count: 2), call: generate("openrouter-gemini"),
                  shape: .messageImages, images: 2),
        ShapeCase(model: "gemini-2.5-flash-image", answer: .chatStream(.markdown, count: 2),
                  call: generate("gemini-2.5-flash-image", via: .chat), shape: .markdownImage, images: 2),
        ShapeCase(model: "openrouter-gemini", answer: .chatStream(.deltaImages), call: generate("openrouter-gemini"),
                  shape: .messageImages, images: 1),
        // gemini route
        ShapeCase(model: "gemini-3.1-flash-image-preview", answer: .geminiInline(.camelCase, count: 2),
                  call: generate("gemini-3.1-flash-image-preview"), shape: .geminiInline, images: 2),
        ShapeCase(model: "gemini-3-pro-image-preview", answer: .geminiInline(.snakeCaseWithThought),
                  call: generate("gemini-3-pro-image-preview"), shape: .geminiInline, images: 1),
        ShapeCase(model: "gemini-3-pro-image-preview", answer: .geminiText(.dataURI, count: 2),
                  call: generate("gemini-3-pro-image-preview"), shape: .geminiText, images: 2),
        ShapeCase(model: "gemini-2.5-flash-image-preview", answer: .geminiText(.url),
                  call: generate("gemini-2.5-flash-image-preview"), shape: .geminiText, images: 1),
        ShapeCase(model: "nano-banana-2", answer: .geminiStream(count: 2), call: generate("nano-banana-2", via: .gemini),
                  shape: .geminiInline, images: 2),
    ]
}

/// A chat call with one user line.
func chat(_ model: String) -> Call {
    Call(operation: .chat, model: model, messages: [ChatMessage(role: "user", parts: [.text("draw a cat")])])
}

@Suite("RouterClient + LiveTransport: every shape")
struct RouterClientShapeTests {
    @Test("the fake router's shape yields the right images with the right shape", arguments: ShapeCase.all)
    func shape(_ c: ShapeCase) async throws {
        try await withClient(cdn: true) { client, router, _, _ in
            router.answer(model: c.model, with: c.answer)
            let result = try await client.perform(c.call)
            #expect(result.reply.shape == c.shape)
            #expect(result.images.count == c.images)
            for image in result.images {
                #expect(image.shape == c.shape)
                #expect(image.image.format == c.format)
                #expect((image.image.width, image.image.height) == (servedSize.width, servedSize.height))
            }
            #expect(Set(result.images.map(\.image.sha256)).count == c.images, "the images are distinct results, not repeats")
            #expect(result.attempts == 1)
        }
    }

    @Test("task text: the preview page is reported, fetched links that are HTML are skipped")
    func taskTextDetails() async throws {
        try await withClient { client, router, _, _ in
            router.answer(model: "gpt-4o-image", with: .taskText(.chinese))
            let result = try await client.perform(generate("gpt-4o-image"))
            let task = try #require(result.reply.task)
            #expect(task.id?.hasPrefix("task_01fake") == true)
            #expect(task.previewURL?.contains("/asyncdata/web/task_") == true)
            #expect(task.params?["ratio"]?.stringValue == "1:1")
            #expect(result.reply.text.contains("数据预览") || result.reply.text.contains("ID"))
        }
    }

    @Test("a header-only task answer to generate is no_image, carrying the task")
    func taskHeaderOnlyIsNoImage() async throws {
        try await withClient { client, router, _, _ in
            router.answer(model: "gpt-4o-image", with: .taskText(.headerOnly))
            let error = await routerFailure { () async throws(RouterError) -> CallResult in try await client.perform(generate("gpt-4o-image")) }
            #expect(error?.kind == .noImage)
            #expect(error?.reply?.reply.shape == .taskText)
            #expect(error?.reply?.reply.task?.id?.hasPrefix("task_") == true)
        }
    }

    @Test("gpt-4o answering generate in plain text is no_image with the text")
    func plainTextIsNoImage() async throws {
        try await withClient { client, _, _, _ in
            let error = await routerFailure { () async throws(RouterError) -> CallResult in try await client.perform(generate("gpt-4o")) }
            #expect(error?.kind == .noImage)
            #expect(error?.reply?.reply.shape == .text)
            #expect(error?.message.contains("a red square") == true)
        }
    }

    @Test("an edit sends multipart image[] parts the router can parse, and gets image_edit stream events")
    func editMultipart() async throws {
        try await withClient { client, router, _, _ in
            router.answer(model: "gpt-image-1", with: .imagesStream())
            let call = Call(operation: .edit, model: "gpt-image-1", prompt: "watercolor", images: [try inputImage(), try inputImage(side: 8)])
            let result = try await client.perform(call)
            #expect(result.reply.shape == .imagesStream)
            #expect(result.images.count == 1)
            let sent = try #require(router.apiRequests.last)
            #expect(sent.pathOnly == "/v1/images/edits")
            let form = try #require(sent.multipart)
            #expect(form.value("model") == "gpt-image-1")
            #expect(form.parts(named: "image[]").count == 2)
        }
    }

    @Test("a nano-banana edit uploads the local image first and passes its URL")
    func uploadThenURL() async throws {
        try await withClient { client, router, _, _ in
            let call = Call(operation: .edit, model: "nano-banana-2", prompt: "make it blue", images: [try inputImage()])
            let result = try await client.perform(call)
            #expect(result.images.count == 1)
            let paths = router.requests.map(\.pathOnly)
            #expect(paths.first == "/v1/files/uploads")
            let generation = try #require(router.apiRequests.last?.json)
            let input = generation["image_input"]?.arrayValue?.first?.stringValue ?? generation["image_input"]?.stringValue
            #expect(input?.contains("/files/uploads/file_fake") == true)
        }
    }
}
