import Foundation
import LimnHTTP
import LimnImage
import LimnRouter
import LimnTesting
import Testing

@Suite("RouterClient + LiveTransport: the key stays with the router")
struct RouterClientKeyTests {
    @Test("the key appears only in the credential header of requests to the router's own host")
    func keyOnlyToRouter() async throws {
        try await withClient(cdn: true) { client, router, cdn, _ in
            let cdn = try #require(cdn)
            let calls: [(FakeAnswer, Call)] = [
                (.imagesURL(), generate("nano-banana-2", n: 2)),
                (.imagesB64, generate("gpt-image-1")),
                (.markdown(.url), generate("gpt-4o")),
                (.multipart(.url), generate("gpt-4o")),
                (.taskText(.chinese), generate("gpt-4o-image")),
                (.geminiText(.url), generate("gemini-2.5-flash-image-preview")),
                (.geminiInline(.camelCase), generate("gemini-3-pro-image-preview")),
            ]
            for (answer, call) in calls {
                router.answer(model: call.model, with: answer)
                let result = try await client.perform(call)
                #expect(!result.images.isEmpty)
            }
            let edit = Call(operation: .edit, model: "nano-banana-2", prompt: "blue", images: [try inputImage()])
            _ = try await client.perform(edit)  // upload, then the images route with image_input
            router.fail(.rateLimited(retryAfter: 0))
            _ = try await client.perform(generate("gpt-image-1"))

            // Every request to the router: the key only as the route's credential header.
            #expect(router.requests.count >= 11)
            for request in router.requests {
                let allowed: Set<String> = request.route == .gemini ? ["x-goog-api-key"] : ["authorization"]
                #expect(!request.contains(testKey, outside: allowed), "key leaked in \(request.method) \(request.path)")
                if request.route == .gemini {
                    #expect(request.headers["x-goog-api-key"] == testKey)
                    #expect(request.headers["Authorization"] == nil)
                } else if request.route != nil || request.pathOnly.hasPrefix("/v1/files/uploads") {
                    #expect(request.headers["Authorization"] == "Bearer \(testKey)")
                }
            }
            // Every image download from the CDN: no key at all.
            #expect(cdn.requests.count >= 6)
            for request in cdn.requests {
                #expect(!request.contains(testKey), "key sent to the CDN in \(request.method) \(request.path)")
                #expect(request.headers["Authorization"] == nil)
            }
        }
    }

    @Test("error text never carries the key, even when the router echoes it")
    func errorsScrubbed() async throws {
        try await withClient { client, router, _, _ in
            router.answer(with: .openAIError(status: 401, message: "Invalid API key: \(testKey)", type: "authentication_error",
                                             code: "invalid_api_key"))
            let error = await routerFailure { () async throws(RouterError) -> CallResult in try await client.perform(generate("gpt-image-1")) }
            #expect(error?.kind == .auth)
            #expect(error?.message.contains(testKey) == false)
            #expect(error?.description.contains(testKey) == false)
        }
    }
}
