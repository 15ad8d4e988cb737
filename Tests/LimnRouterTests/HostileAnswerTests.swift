import Foundation
import Testing
@testable import LimnRouter

/// Answers built to hurt the client: nesting a million levels deep, more images than any call
/// asks for, bodies and base64 past the limits. Each is a `limit` error naming the
/// `limits.*` key and the value seen, or a plain parse error; never a crash.
@Suite struct HostileAnswerTests {
    let png = Fixtures.tinyPNGBase64

    func failure(_ body: String, contentType: String = "application/json", route: Route = .images,
                 limits: RouterLimits = .default) -> RouterError? {
        let response = HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", contentType)]), body: Data(body.utf8))
        do {
            _ = try ResponseNormalizer(limits: limits).normalize(response: response, route: route, operation: .generate)
            return nil
        } catch {
            return error
        }
    }

    @Test("a million levels of [ or { is refused by the depth check, not the stack",
          arguments: [String(repeating: "[", count: 1_000_000),
                      String(repeating: "[", count: 1_000_000) + String(repeating: "]", count: 1_000_000),
                      String(repeating: #"{"a":"#, count: 1_000_000),
                      #"{"data":"# + String(repeating: "[", count: 1_000_000)])
    func deepNesting(_ body: String) throws {
        do {
            _ = try JSONValue.parse(body)
            Issue.record("a million-deep document parsed")
        } catch {
            #expect(error.kind == .tooDeep, "\(error)")
            #expect(error.offset <= 513 * 5 + 8, "the parser stopped at byte \(error.offset)")
        }
        let routed = try #require(failure(body))
        #expect(routed.kind == .limit, "\(routed)")
        #expect(routed.message.contains("more than 512 deep"), "\(routed.message)")
        #expect(routed.message.contains("limits.json_depth = 512"), "\(routed.message)")
    }

    @Test func theDepthLimitIsExactAndConfigurable() throws {
        let at512 = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try JSONValue.parse(at512).arrayValue?.count == 1)
        let at513 = "[" + at512 + "]"
        #expect(throws: JSONParseError.self) { try JSONValue.parse(at513) }
        var limits = RouterLimits.default
        limits.maxJSONDepth = 8
        let nine = #"{"data":[[[[[[[[1]]]]]]]]}"#
        #expect(failure(nine, limits: limits)?.message.contains("limits.json_depth = 8") == true)
    }

    @Test func theDeepestAllowedNestingFitsACooperativeThreadStack() async throws {
        // limits.json_depth goes up to 1024; the recursive parser must manage that off the main thread (debug frames
        // are the largest: this passes at 2048 and overflows an 8 MB stack at 4096).
        let text = String(repeating: "[", count: 1024) + String(repeating: "]", count: 1024)
        let parsed = try await Task.detached { try JSONValue.parse(text, maxDepth: 1024) }.value
        #expect(parsed.arrayValue?.count == 1)
    }

    @Test func deepJSONInAnEventStreamIsALimit() throws {
        let event = "data: " + String(repeating: "[", count: 100_000) + "\n\n"
        let error = try #require(failure(event, contentType: "text/event-stream"))
        #expect(error.kind == .limit, "\(error)")
        #expect(error.message.contains("limits.json_depth"), "\(error.message)")
    }

    @Test func tooManyImagesAreCountedBeforeAnyIsDecoded() throws {
        // 65 items of invalid base64: were they decoded first, the error would be `decode`.
        let items = Array(repeating: #"{"b64_json":"!!not base64!!"}"#, count: 65).joined(separator: ",")
        let error = try #require(failure(#"{"data":[\#(items)]}"#))
        #expect(error.kind == .limit, "\(error)")
        #expect(error.message.contains("the answer holds 65 images, over the limit limits.images_per_answer = 64"), "\(error.message)")
        let sixtyFour = Array(repeating: #"{"b64_json":"\#(png)"}"#, count: 64).joined(separator: ",")
        #expect(failure(#"{"data":[\#(sixtyFour)]}"#) == nil)
    }

    @Test func tooManyImagesInAChatAnswerAreALimit() throws {
        let markdown = Array(repeating: "![x](data:image/png;base64,\(png))", count: 5).joined(separator: " ")
        var limits = RouterLimits.default
        limits.maxImagesPerAnswer = 4
        let error = try #require(failure(#"{"choices":[{"message":{"content":"\#(markdown)"}}]}"#, route: .chat, limits: limits))
        #expect(error.kind == .limit, "\(error)")
        #expect(error.message.contains("holds 5 images"), "\(error.message)")
    }

    @Test func oversizedBase64InEveryPlaceIsALimit() throws {
        let limits = RouterLimits(maxResponseBytes: 1 << 20, maxBase64Length: 50, maxDownloadBytes: 1 << 20)
        let bodies = [
            (#"{"data":[{"b64_json":"\#(png)"}]}"#, Route.images),
            (#"{"candidates":[{"content":{"parts":[{"inlineData":{"mimeType":"image/png","data":"\#(png)"}}]}}]}"#, .gemini),
            (#"{"predictions":[{"bytesBase64Encoded":"\#(png)"}]}"#, .images),
        ]
        for (body, route) in bodies {
            let error = try #require(failure(body, route: route, limits: limits), "\(body.prefix(40))")
            #expect(error.kind == .limit, "\(error)")
            #expect(error.message.contains("limits.base64_length = 50"), "\(error.message)")
        }
    }

    @Test func theTransportsTooLargeIsALimitToo() {
        let error = RouterClient.routerError(TransportError(.tooLarge, "the body declares 600000000 bytes, over the limit of 536870912"))
        #expect(error.kind == .limit && !error.retryable)
        #expect(error.message.contains("limits.response_size"))
    }
}
