import Foundation
import Testing
@testable import LimnRouter

@Suite("Shapes: edge cases and errors")
struct ResponseNormalizerTests {
    let png = Fixtures.tinyPNGBase64

    func normalize(_ body: String, status: Int = 200, headers: [(String, String)] = [], route: Route = .chat,
                   limits: RouterLimits = .default, now: Date = Date()) throws(RouterError) -> NormalizedReply {
        try ResponseNormalizer(limits: limits).normalize(response: HTTPResponse(status: status, headers: HTTPHeaders(headers), body: Data(body.utf8)),
                                                         route: route, operation: .generate, now: now)
    }

    func failure(_ body: String, status: Int = 200, headers: [(String, String)] = [], limits: RouterLimits = .default,
                 now: Date = Date()) -> RouterError? {
        do {
            _ = try normalize(body, status: status, headers: headers, limits: limits, now: now)
            return nil
        } catch {
            return error
        }
    }

    // MARK: images

    @Test func mimeComesFromOutputFormatElseFromTheBytes() throws {
        let stated = try normalize(#"{"data":[{"b64_json":"\#(png)"}],"output_format":"jpeg"}"#)
        #expect(stated.images == [.bytes(Fixtures.tinyPNG, mime: "image/jpeg")])
        let sniffed = try normalize(#"{"data":[{"b64_json":"\#(png)"}]}"#)
        #expect(sniffed.images == [.bytes(Fixtures.tinyPNG, mime: "image/png")])
    }

    @Test func lenientBase64Forms() throws {
        let wrapped = stride(from: 0, to: png.count, by: 20).map { i -> String in
            let start = png.index(png.startIndex, offsetBy: i)
            return String(png[start..<png.index(start, offsetBy: min(20, png.count - i))])
        }.joined(separator: "\\n")
        #expect(try normalize(#"{"data":[{"b64_json":"\#(wrapped)"}]}"#).images.count == 1)
        let unpadded = png.replacingOccurrences(of: "=", with: "")
        #expect(try normalize(#"{"data":[{"b64_json":"\#(unpadded)"}]}"#).images == [.bytes(Fixtures.tinyPNG, mime: "image/png")])
    }

    @Test func largeBase64DecodesFromTheBodyInEveryForm() throws {
        // Past ResponseNormalizer.spanMinimum the member is decoded from the body's bytes.
        let bytes = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data((0..<90_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8) })
        let strict = bytes.base64EncodedString()
        let urlSafe = strict.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        for (name, text) in [("strict", strict), ("url-safe unpadded", urlSafe)] {
            let images = try normalize(#"{"data":[{"b64_json":"\#(text)"}],"created":1}"#).images
            #expect(images == [.bytes(bytes, mime: "image/png")], "\(name)")
            let gemini = try normalize(#"{"candidates":[{"content":{"parts":[{"inlineData":{"mimeType":"image/png","data":"\#(text)"}}]}}]}"#).images
            #expect(gemini == [.bytes(bytes, mime: "image/png")], "\(name)")
        }
        let broken = failure(#"{"data":[{"b64_json":"\#(strict.dropLast(8))!!!!!!!!"}]}"#)
        #expect(broken?.kind == .decode)
        #expect(broken?.message.contains("data[0].b64_json is not valid base64") == true, "\(String(describing: broken))")
        let limits = RouterLimits(maxResponseBytes: 1 << 20, maxBase64Length: 50_000, maxDownloadBytes: 1 << 20)
        let long = failure(#"{"data":[{"b64_json":"\#(strict)"}]}"#, limits: limits)
        #expect(long?.kind == .limit)
        #expect(long?.message.contains("data[0].b64_json holds \(strict.utf8.count) base64 characters") == true)
    }

    @Test func theRawJSONKeepsDecodedBytesNotTheBodyAndReadsBackTheSameText() throws {
        let bytes = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data((0..<49_997).map { UInt8(truncatingIfNeeded: $0 &* 13) })
        let canonical = bytes.base64EncodedString()
        #expect(canonical.hasSuffix("="))
        // The same bytes with nonzero unused bits in the last character: decodes alike, encodes differently.
        var loose = Array(canonical.utf8)
        let last = loose.lastIndex { $0 != UInt8(ascii: "=") }!
        loose[last] += 1
        let nonCanonical = String(decoding: loose, as: UTF8.self)
        let urlSafe = canonical.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        for (text, freed) in [(canonical, true), (nonCanonical, false), (urlSafe, false)] {
            let reply = try normalize(#"{"data":[{"b64_json":"\#(text)","revised_prompt":"p"}]}"#)
            guard case .span(let span)? = reply.raw?["data"]?[0]?["b64_json"] else {
                Issue.record("expected a span in the raw JSON")
                continue
            }
            if case .base64 = span.storage { #expect(freed, "\(text.suffix(4))") } else { #expect(!freed, "\(text.suffix(4))") }
            #expect(span.string == text)
            #expect(reply.raw?["data"]?[0]?["revised_prompt"] == "p")
            #expect(reply.raw?.jsonText == #"{"data":[{"b64_json":"\#(text)","revised_prompt":"p"}]}"#)
        }
        #expect(try normalize(#"{"data":[{"b64_json":"\#(nonCanonical)"}]}"#).images == [.bytes(bytes, mime: "image/png")])
    }

    @Test func canonicalBase64IsRecognizedByItsLastQuantum() {
        for count in 1...7 {
            let data = Data((0..<count).map { UInt8($0 * 37 + 11) })
            let text = data.base64EncodedData()
            #expect(Base64Image.isCanonical(text, decoded: data), "\(count)")
            var bent = text
            bent[bent.index(before: bent.endIndex)] = UInt8(ascii: "A")
            #expect(!Base64Image.isCanonical(bent, decoded: data) || text.last == UInt8(ascii: "A"), "\(count)")
            #expect(!Base64Image.isCanonical(text + Data("AAAA".utf8), decoded: data))
        }
    }

    @Test func base64LengthIsCheckedBeforeDecoding() {
        let limits = RouterLimits(maxResponseBytes: 1 << 20, maxBase64Length: 50, maxDownloadBytes: 1 << 20)
        let error = failure(#"{"data":[{"b64_json":"\#(png)"}]}"#, limits: limits)
        #expect(error?.kind == .limit)
        #expect(error?.message.contains("data[0].b64_json holds 100 base64 characters, over the limit limits.base64_length = 50") == true)
        let markdown = failure(#"{"choices":[{"message":{"content":"![x](data:image/png;base64,\#(png))"}}]}"#, limits: limits)
        #expect(markdown?.message.contains("Markdown image 1") == true)
    }

    @Test func responseSizeLimit() {
        let limits = RouterLimits(maxResponseBytes: 10, maxBase64Length: 50, maxDownloadBytes: 1 << 20)
        let error = failure(#"{"data":[{"url":"https://x.test/a.png"}]}"#, limits: limits)
        #expect(error?.kind == .limit)
        #expect(error?.message.contains("the response is 41 bytes, over the limit limits.response_size = 10 B") == true, "\(String(describing: error))")
    }

    @Test func dataURIInAnImagesURLField() throws {
        let reply = try normalize(#"{"data":[{"url":"data:image/png;base64,\#(png)"}]}"#)
        #expect(reply.shape == .imagesB64)
        #expect(reply.images == [.bytes(Fixtures.tinyPNG, mime: "image/png")])
    }

    @Test func aBlankErrorMemberBesideAnAnswerIsNoError() throws {
        #expect(try normalize(#"{"error":"","data":[{"url":"https://x.test/a.png"}]}"#).images == [.url("https://x.test/a.png")])
        #expect(try normalize(#"{"error":{"message":"","code":null},"data":[]}"#).images.isEmpty)
        #expect(failure(#"{"error":{"message":""}}"#, status: 500)?.kind == .http)
    }

    @Test func emptyDataIsAnImagesReplyWithNoImages() throws {
        let reply = try normalize(#"{"created":1,"data":[]}"#)
        #expect(reply.images.isEmpty)
    }

    // MARK: text

    @Test func markdownWithTitlesAngleBracketsAndPlainLinks() throws {
        let text = "A ![one](<https://a.test/1.png>) B ![two](https://a.test/2.jpg \"t\") see [docs](https://a.test/docs)"
        let reply = try normalize(JSONValue.object(["choices": [["message": ["content": .string(text)]]]]).jsonText)
        #expect(reply.shape == .markdownImage)
        #expect(reply.images == [.url("https://a.test/1.png"), .url("https://a.test/2.jpg")])
        #expect(reply.text == "A  B  see [docs](https://a.test/docs)")
        #expect(reply.task == nil)
    }

    @Test func aBareDataURIAnswer() throws {
        let reply = try normalize(#"{"choices":[{"message":{"content":"data:image/png;base64,\#(png)"}}]}"#)
        #expect(reply.shape == .markdownImage)
        #expect(reply.text == "")
        #expect(reply.images.count == 1)
    }

    @Test func plainTextWithAJSONBlockIsNotATask() throws {
        let text = "Here is JSON:\n```json\n{\"prompt\":\"x\"}\n```\nDone."
        let reply = try normalize(JSONValue.object(["choices": [["message": ["content": .string(text)]]]]).jsonText)
        #expect(reply.shape == .text)
        #expect(reply.task == nil)
    }

    @Test func taskPreviewPageIsNeverAnImageCandidate() throws {
        for name in ["task-text.json", "task-text-en.json", "task-text-header-only.json"] {
            let reply = try ResponseNormalizer.normalize(response: HTTPResponse(status: 200, body: Fixtures.body("shapes/" + name)),
                                                         route: .chat, operation: .generate)
            let preview = try #require(reply.task?.previewURL)
            #expect(!reply.images.contains(.candidateLink(preview)))
            #expect(!reply.images.contains { if case .candidateLink(let u) = $0 { u.contains("/source/") } else { false } })
        }
    }

    @Test func taskWithOnlyAProgressImageLinkFallsBackToIt() throws {
        let text = "> ID: `task_abc123`\n>🏃 进度 100..[100](https://videos.test/img_1.webp?sig=x)\n> ✅ 生成完成"
        let reply = try normalize(JSONValue.object(["choices": [["message": ["content": .string(text)]]]]).jsonText)
        #expect(reply.shape == .taskText)
        #expect(reply.images == [.candidateLink("https://videos.test/img_1.webp?sig=x")])
    }

    @Test func largeMarkdownImageIsScannedQuickly() throws {
        let big = Data(repeating: 0x5A, count: 6_000_000).base64EncodedString()
        let body = JSONValue.object(["choices": [["message": ["content": .string("Here:\n![image](data:image/png;base64,\(big))\nbye")]]]]).serialized()
        let start = ContinuousClock.now
        let reply = try ResponseNormalizer.normalize(response: HTTPResponse(status: 200, body: body), route: .chat, operation: .generate)
        #expect(ContinuousClock.now - start < .seconds(3))
        #expect(reply.text == "Here:\nbye")
        if case .bytes(let data, _) = reply.images.first { #expect(data.count == 6_000_000) } else { Issue.record("no image") }
    }

    // MARK: gemini

    @Test func onlyThoughtImagesAreKeptWhenNothingElseCame() throws {
        let body = #"{"candidates":[{"content":{"parts":[{"inlineData":{"mimeType":"image/png","data":"\#(png)"},"thought":true}]}}]}"#
        #expect(try normalize(body, route: .gemini).images.count == 1)
    }

    @Test func blockedPromptHasNoImageAndSaysWhy() throws {
        let reply = try normalize(#"{"promptFeedback":{"blockReason":"SAFETY"}}"#, route: .gemini)
        #expect(reply.images.isEmpty)
        #expect(reply.finishReason == "SAFETY")
    }

    @Test func geminiJSONArrayOfChunks() throws {
        let body = #"[{"candidates":[{"content":{"parts":[{"text":"a"}]}}]},{"candidates":[{"content":{"parts":[{"inlineData":{"mimeType":"image/png","data":"\#(png)"}}]},"finishReason":"STOP"}]}]"#
        let reply = try normalize(body, route: .gemini)
        #expect(reply.shape == .geminiInline)
        #expect(reply.text == "a")
        #expect(reply.finishReason == "STOP")
    }

    @Test func streamWithoutContentTypeIsSniffed() throws {
        let body = "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\ndata: [DONE]\n\n"
        let reply = try normalize(body)
        #expect(reply.shape == .text && reply.text == "hi")
    }

    // MARK: errors

    @Test(arguments: [
        (401, #"{"error":{"message":"bad","type":"x"}}"#, RouterError.Kind.auth, false),
        (403, #"{"error":{"message":"no","code":"insufficient_quota"}}"#, .api, false),
        (403, #"{"error":{"message":"forbidden"}}"#, .auth, false),
        (429, #"{"error":{"message":"You exceeded your current quota","code":"insufficient_quota"}}"#, .rateLimit, false),
        (400, #"{"error":{"message":"Argument not supported: size"}}"#, .api, false),
        (404, #"{"error":{"message":"model_not_found","code":"model_not_found"}}"#, .api, false),
        (422, #"{"detail":"Unprocessable"}"#, .api, false),
        (500, #"{"error":{"message":"model temporarily unavailable","code":"get_channel_failed"}}"#, .http, true),
        (502, "Bad Gateway", .http, true),
        (200, #"{"error":{"code":429,"message":"Resource has been exhausted","status":"RESOURCE_EXHAUSTED"}}"#, .rateLimit, true),
        (200, #"{"success":false,"message":"未提供令牌"}"#, .auth, false),
        (401, #"{"error":"unauthorized"}"#, .auth, false),
    ])
    func errorKinds(status: Int, body: String, kind: RouterError.Kind, retryable: Bool) {
        let error = failure(body, status: status)
        #expect(error?.kind == kind)
        #expect(error?.retryable == retryable)
        #expect(error?.status == status)
    }

    @Test func retryAfterSecondsMillisecondsAndHTTPDate() throws {
        let now = try #require(RetryAfter.httpDate("Wed, 21 Oct 2026 07:28:00 GMT"))
        let limited = #"{"error":{"message":"slow down"}}"#
        #expect(failure(limited, status: 429, headers: [("Retry-After", "12")], now: now)?.retryAfter == 12)
        #expect(failure(limited, status: 429, headers: [("retry-after-ms", "1500")], now: now)?.retryAfter == 1.5)
        #expect(failure(limited, status: 429, headers: [("Retry-After", "Wed, 21 Oct 2026 07:28:30 GMT")], now: now)?.retryAfter == 30)
        #expect(failure(limited, status: 429, headers: [("Retry-After", "soon")], now: now)?.retryAfter == nil)
        #expect(failure(limited, status: 429, now: now)?.retryAfter == nil)
    }

    @Test func requestIDFromHeadersWinsOverTheMessage() {
        let body = #"{"error":{"message":"no channel (request id: req_text)","type":"new_api_error"}}"#
        let fromText = failure(body, status: 503)
        #expect(fromText?.requestID == "req_text")
        #expect(fromText?.message == "no channel")
        #expect(failure(body, status: 503, headers: [("X-Oneapi-Request-Id", "req_header")])?.requestID == "req_header")
    }

    @Test func htmlPagesNameTheStatusAndTitleAndNeverDumpHTML() {
        let page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
        let error = failure(page, status: 502)
        #expect(error?.kind == .http && error?.retryable == true)
        #expect(error?.message.contains("HTTP 502") == true && error?.message.contains("\"502 Bad Gateway\"") == true)
        #expect(error?.message.contains("<") == false)
        let ok = failure("<!doctype html><title>Welcome</title>", status: 200)
        #expect(ok?.kind == .shape)
        #expect(ok?.message.contains("base URL") == true)
    }

    @Test func emptyBodies() {
        #expect(failure("", status: 200)?.kind == .shape)
        let gateway = failure("  \n", status: 503)
        #expect(gateway?.kind == .http && gateway?.retryable == true && gateway?.message.contains("empty body") == true)
    }

    @Test func garbageOn200IsAShapeError() {
        let error = failure("OK", status: 200)
        #expect(error?.kind == .shape)
        #expect(failure(#"{"object":"list","items":[]}"#)?.kind == .shape)
    }

    @Test func partialsWithoutCompletedIsACutOffStream() {
        let body = "event: image_generation.partial_image\ndata: {\"type\":\"image_generation.partial_image\",\"b64_json\":\"\(png)\"}\n\ndata: [DONE]\n\n"
        let error = failure(body, headers: [("Content-Type", "text/event-stream")])
        #expect(error?.kind == .decode && error?.retryable == true)
        #expect(error?.message.contains("1 partial images") == true)
    }
}
