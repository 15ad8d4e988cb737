import Foundation
import LimnImage
import Testing
@testable import LimnRouter

@Suite("Router client")
struct RouterClientTests {
    let key = "sk-" + "test-0123456789abcdefWXYZ"
    let events = Recorder<ClientEvent>()
    let sleeps = Recorder<Duration>()

    func client(_ transport: FakeTransport, provider: Provider = Fixtures.provider, retry: RetryPolicy? = nil) -> RouterClient {
        let source = SeededSource(seed: 3)
        let events = events, sleeps = sleeps
        return RouterClient(provider: provider, transport: transport, retry: retry ?? RetryPolicy(random: { source.next() }),
                            sleep: { sleeps.append($0) }, onEvent: { events.append($0) })
    }

    func generate(_ model: String = "gpt-image-1") -> Call { Call(operation: .generate, model: model, prompt: "a cat") }

    func failure(_ client: RouterClient, _ call: Call) async -> RouterError? {
        do {
            _ = try await client.perform(call)
            return nil
        } catch {
            return error
        }
    }

    @Test func retriesThenSucceeds() async throws {
        let transport = FakeTransport.sequence([
            .success(FakeTransport.json(503, #"{"error":{"message":"no channel","type":"new_api_error"}}"#)),
            .failure(TransportError(.reset, "connection reset by peer")),
            .success(try FakeTransport.fixture("images-b64.json")),
        ])
        let result = try await client(transport).perform(generate())
        #expect(result.attempts == 3)
        #expect(result.images.count == 1)
        #expect(result.images.first?.image.format == .png)
        #expect(result.images.first?.revisedPrompt == "A red, green, blue and white 2x2 tile")
        #expect(result.status == 200 && result.route == .images && result.model == "gpt-image-1")
        #expect(transport.requests.all.count == 3)
        let retries = events.all.compactMap { event -> (Int, String, Duration)? in
            if case .retrying(let a, let r, let d) = event { (a, r, d) } else { nil }
        }
        #expect(retries.map(\.0) == [1, 2])
        #expect(retries[0].1.contains("no channel") && retries[1].1.contains("connection reset"))
        #expect(sleeps.all == retries.map(\.2))
        #expect(sleeps.all[0] <= .seconds(1) && sleeps.all[1] <= .seconds(2))
    }

    @Test func unauthorizedFailsAtOnceWithoutTheKey() async throws {
        let body = #"{"error":{"message":"Incorrect API key provided: \#(key)","type":"invalid_request_error","code":"invalid_api_key"}}"#
        let transport = FakeTransport.sequence([.success(FakeTransport.json(401, body))])
        let error = try #require(await failure(client(transport), generate()))
        #expect(error.kind == .auth && !error.retryable && error.status == 401)
        #expect(error.model == "gpt-image-1" && error.route == .images)
        #expect(transport.requests.all.count == 1)
        #expect(sleeps.all.isEmpty)
        #expect(!error.message.contains(key) && !error.description.contains(key) && error.message.contains("sk-…WXYZ"))
    }

    @Test func keysNeverAppearInEventsOrRetryReasons() async throws {
        let body = #"{"error":{"message":"upstream rejected key \#(key)","type":"server_error"}}"#
        let transport = FakeTransport.sequence([.success(FakeTransport.json(500, body))])
        let error = try #require(await failure(client(transport), generate()))
        #expect(events.all.count > 2)
        for event in events.all {
            #expect(!"\(event)".contains(key) && !event.line.contains(key), "\(event)")
        }
        #expect(!error.description.contains(key))
        for request in transport.requests.all { #expect(!request.description.contains(key)) }
    }

    @Test func urlImagesAreDownloadedWithoutTheKeyFromAForeignHost() async throws {
        let transport = FakeTransport { request, _ in
            switch request.url.host {
            case "router.test": return try FakeTransport.fixture("images-url.json")
            case "media.crazyrouter.com": return FakeTransport.png()
            default: throw TransportError(.unreachable, "unexpected \(request.url)")
            }
        }
        let result = try await client(transport).perform(generate("gpt-image-2"))
        let download = try #require(transport.requests.all.last)
        #expect(download.method == "GET")
        #expect(download.url.host == "media.crazyrouter.com")
        #expect(download.headers["Authorization"] == nil && download.headers["x-goog-api-key"] == nil)
        #expect(result.images.first?.url == "https://media.crazyrouter.com/task-artifacts/2026/05/17/sync-image/request-id-1.png")
        #expect(result.reply.shape == .imagesURL && result.images.first?.shape == .imagesURL)
        #expect(transport.requests.all.first?.headers["Authorization"] == "Bearer \(key)")
    }

    @Test func sameHostDownloadsCarryTheKey() async throws {
        let transport = FakeTransport { request, index in
            index == 0 ? FakeTransport.json(200, #"{"data":[{"url":"https://ROUTER.test/files/a.png"}]}"#) : FakeTransport.png()
        }
        _ = try await client(transport).perform(generate())
        #expect(transport.requests.all.last?.headers["Authorization"] == "Bearer \(key)")
    }

    @Test func htmlPreviewPageIsNeverAnImage() async throws {
        let html = HTTPResponse(status: 200, headers: ["Content-Type": "text/html"], body: Data("<html><title>Task</title></html>".utf8))
        let transport = FakeTransport { request, _ in
            let url = request.url.absoluteString
            if request.url.host == "router.test" { return try FakeTransport.fixture("task-text.json") }
            if url.hasSuffix("a1.png") { return FakeTransport.png() }
            if url.hasSuffix("a2.png") { return html }  // a "download" that is really a page
            return html
        }
        let result = try await client(transport).perform(generate("gpt-4o-image"))
        #expect(result.reply.shape == .taskText)
        #expect(result.images.map(\.url) == ["https://filesystem.site/cdn/download/20251219/a1.png"])
        #expect(!transport.requests.all.contains { $0.url.absoluteString.contains("/web/task_") })
        let skipped = events.all.compactMap { if case .skippedLink(let u, _) = $0 { u } else { nil } }
        #expect(skipped == ["https://filesystem.site/cdn/download/20251219/a2.png"])
        #expect(result.reply.task?.id == "task_01kctyffzx8d7m3q")
    }

    @Test func taskWithoutFinalImagesIsNoImageCarryingTheReply() async throws {
        let transport = FakeTransport.sequence([.success(try FakeTransport.fixture("task-text-header-only.json"))])
        let error = try #require(await failure(client(transport), generate("gpt-4o-image")))
        #expect(error.kind == .noImage)
        #expect(error.reply?.reply.task?.previewURL == "https://asyncdata.net/web/task_01kc9zz0header")
        #expect(error.message.contains("task_01kc9zz0header"))
        #expect(transport.requests.all.count == 1)
    }

    @Test func plainTextOnGenerateIsNoImageButChatIsFine() async throws {
        let transport = FakeTransport.sequence([.success(try FakeTransport.fixture("text.json"))])
        let error = try #require(await failure(client(transport), generate("gpt-4o")))
        #expect(error.kind == .noImage && error.route == .chat && !error.retryable)
        #expect(error.reply?.reply.text.hasPrefix("I can't generate images directly") == true)
        #expect(error.message.contains("gpt-4o answered without an image (shape text)"))
        let chat = try await client(transport).perform(Call(operation: .chat, model: "gpt-4o", prompt: "hi"))
        #expect(chat.images.isEmpty && chat.reply.shape == .text)
    }

    @Test func corruptImageBytesAreADecodeErrorWithTheReply() async throws {
        let junk = Data("definitely not an image".utf8).base64EncodedString()
        let transport = FakeTransport.sequence([.success(FakeTransport.json(200, #"{"data":[{"b64_json":"\#(junk)"}]}"#))])
        let error = try #require(await failure(client(transport), generate()))
        #expect(error.kind == .decode)
        #expect(error.message.contains("image 1 of the images-b64 reply is not a valid image"))
        #expect(error.reply?.reply.shape == .imagesB64)
    }

    @Test func theImagesOfOneReplyValidateTogetherAndTheFirstBadOneInOrderIsReported() async throws {
        let good = Fixtures.tinyPNG.base64EncodedString()
        let cut = Fixtures.tinyPNG.prefix(Fixtures.tinyPNG.count - 20).base64EncodedString()
        func body(_ items: [String]) -> HTTPResponse {
            FakeTransport.json(200, #"{"data":["# + items.map { #"{"b64_json":"\#($0)"}"# }.joined(separator: ",") + "]}")
        }
        let whole = try await client(FakeTransport.sequence([.success(body([good, good, good, good]))])).perform(generate())
        #expect(whole.images.count == 4)
        #expect(whole.images.allSatisfy { $0.image.bytes == Fixtures.tinyPNG && $0.image.sha256 == SHA256Digest.hex(Fixtures.tinyPNG) })
        for _ in 0..<20 {
            let transport = FakeTransport.sequence([.success(body([good, cut, good, cut]))])
            let error = try #require(await failure(client(transport), generate()))
            #expect(error.kind == .decode)
            #expect(error.message.contains("image 2 of the images-b64 reply is not a valid image"), "\(error.message)")
        }
    }

    @Test func rateLimitWaitsWhatRetryAfterSays() async throws {
        let transport = FakeTransport.sequence([
            .success(FakeTransport.json(429, #"{"error":{"message":"slow down","code":"rate_limit_exceeded"}}"#, headers: [("Retry-After", "9")])),
            .success(try FakeTransport.fixture("images-b64.json")),
        ])
        let result = try await client(transport).perform(generate())
        #expect(result.attempts == 2)
        #expect(sleeps.all == [.seconds(9)])
    }

    @Test func retriesRunOutOnTimeouts() async throws {
        let transport = FakeTransport.sequence([.failure(TransportError(.timeout, "600 s passed"))])
        var call = generate()
        call.retries = 1
        let error = try #require(await failure(client(transport), call))
        #expect(error.kind == .timeout)
        #expect(transport.requests.all.count == 2)
    }

    @Test func cancellationStopsAtOnce() async throws {
        let cancelled = FakeTransport.sequence([.failure(TransportError(.cancelled, "Ctrl-C"))])
        #expect(await failure(client(cancelled), generate())?.kind == .cancelled)
        #expect(cancelled.requests.all.count == 1)

        let slow = FakeTransport.sequence([.success(FakeTransport.json(503, "{}"))])
        let sleeper = RouterClient(provider: Fixtures.provider, transport: slow, retry: RetryPolicy(jitter: .none),
                                   sleep: { try await Task.sleep(for: $0) })
        let task = Task { try await sleeper.perform(generate()) }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        let outcome = await task.result
        guard case .failure(let error) = outcome else { Issue.record("expected a failure"); return }
        #expect((error as? RouterError)?.kind == .cancelled)
    }

    @Test func geminiRouteUsesTheGoogleKeyHeader() async throws {
        let transport = FakeTransport.sequence([.success(try FakeTransport.fixture("gemini-inline.json"))])
        let result = try await client(transport).perform(generate("gemini-2.5-flash-image"))
        let sent = try #require(transport.requests.all.first)
        #expect(sent.headers["x-goog-api-key"] == key && sent.headers["Authorization"] == nil)
        #expect(result.reply.shape == .geminiInline && result.images.count == 1)
        #expect(!result.sentParameters.serialized().contains(Data(key.utf8)))
    }

    @Test func nanoBananaInputsAreUploadedFirstWhenTheProviderCan() async throws {
        var provider = Fixtures.provider
        provider.uploadPath = "files/uploads"
        let transport = FakeTransport { request, _ in
            switch request.url.path {
            case "/v1/files/uploads":
                return FakeTransport.json(200, #"{"id":"file_1","url":"https://media.crazyrouter.com/tmp-inputs/1.png","mime_type":"image/png"}"#)
            case "/v1/images/generations": return try FakeTransport.fixture("images-b64.json")
            default: throw TransportError(.unreachable, "\(request.url)")
            }
        }
        let call = Call(operation: .edit, model: "nano-banana-2", prompt: "x", images: [try Fixtures.image()])
        let result = try await client(transport, provider: provider).perform(call)
        #expect(result.images.count == 1)
        let upload = try MultipartForm.parse(transport.requests.all[0].body, contentType: transport.requests.all[0].headers["Content-Type"] ?? "")
        #expect(upload.value("purpose") == "model_input" && upload.parts(named: "file").first?.filename == "input-1.png")
        let body = try JSONValue.parse(transport.requests.all[1].body)
        #expect(body["image_input"] == ["https://media.crazyrouter.com/tmp-inputs/1.png"])
        #expect(events.all.contains(.uploaded(url: "https://media.crazyrouter.com/tmp-inputs/1.png")))
    }

    @Test func withoutAnUploadEndpointNanoBananaInputsAreAConfigError() async throws {
        let transport = FakeTransport.sequence([.success(try FakeTransport.fixture("images-b64.json"))])
        let call = Call(operation: .edit, model: "nano-banana-2", prompt: "x", images: [try Fixtures.image()])
        let error = try #require(await failure(client(transport), call))
        #expect(error.kind == .config && transport.requests.all.isEmpty)
    }

    @Test func fetchImageFromAURLAndADataURI() async throws {
        let transport = FakeTransport { request, _ in
            request.headers["Authorization"] == nil ? FakeTransport.png() : FakeTransport.json(403, "{}")
        }
        let fetched = try await client(transport).fetchImage(url: "https://example.org/cat.png")
        #expect(fetched.sourceURL == "https://example.org/cat.png" && fetched.image.format == .png)
        let inline = try await client(transport).fetchImage(url: "data:image/png;base64," + Fixtures.tinyPNGBase64)
        #expect(inline.image.bytes == Fixtures.tinyPNG && inline.sourceURL == nil)
        let missing = FakeTransport.sequence([.success(HTTPResponse(status: 404, body: Data("gone".utf8)))])
        do throws(RouterError) {
            _ = try await client(missing).fetchImage(url: "https://example.org/gone.png")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .http && error.status == 404)
        }
    }
}
