import Foundation
import LimnHTTP
import LimnImage
import LimnRouter
import LimnTesting
import Testing

@Suite("RouterClient + LiveTransport: faults and errors")
struct RouterClientFaultTests {
    @Test("429 with Retry-After is retried after the time the router asked for, transparently")
    func rateLimitRetried() async throws {
        try await withClient { client, router, _, sleeps in
            router.fail(.rateLimited(retryAfter: 2), times: 2)
            let result = try await client.perform(generate("gpt-image-1"))
            #expect(result.images.count == 1)
            #expect(result.attempts == 3)
            #expect(sleeps.all == [.seconds(2), .seconds(2)])
            #expect(router.apiRequests.count == 3)
        }
    }

    @Test("transient failures are retried until the answer comes", arguments: [
        FakeFault.serverError(status: 500), .serverError(status: 503), .htmlPage(status: 502), .htmlPage(status: 524),
        .errorOnOK, .truncatedBody, .reset, .answer(.truncatedJSON), .answer(.emptyBody(status: 502)),
    ])
    func transientRetried(_ fault: FakeFault) async throws {
        try await withClient { client, router, _, sleeps in
            router.fail(fault, times: 2)
            let result = try await client.perform(generate("gpt-image-1"))
            #expect(result.images.count == 1)
            #expect(result.attempts == 3)
            #expect(sleeps.all.count == 2)
        }
    }

    @Test("a request that hangs past its deadline times out and is retried")
    func hangRetried() async throws {
        try await withClient { client, router, _, _ in
            router.fail(.hang)
            let result = try await client.perform(generate("gpt-image-1", timeout: .milliseconds(600)))
            // The router hangs once; a build slowed down by a sanitizer can miss 600 ms again.
            #expect(result.attempts >= 2)
            #expect(result.images.count == 1)
        }
    }

    @Test("a hang with no retries left is a timeout error")
    func hangIsTimeout() async throws {
        try await withClient { client, router, _, _ in
            router.fail(.hang)
            let error = await routerFailure { () async throws(RouterError) -> CallResult in
                try await client.perform(generate("gpt-image-1", retries: 0, timeout: .milliseconds(400)))
            }
            #expect(error?.kind == .timeout)
        }
    }

    @Test("401 fails at once with kind auth and the router's message")
    func unauthorized() async throws {
        try await withClient { client, router, _, sleeps in
            router.fail(.answer(.invalidKey), times: 5)
            let error = await routerFailure { () async throws(RouterError) -> CallResult in try await client.perform(generate("gpt-image-1")) }
            #expect(error?.kind == .auth)
            #expect(error?.status == 401)
            #expect(error?.message.contains("Invalid API key") == true)
            #expect(error?.requestID == "req_fake_auth")
            #expect(router.apiRequests.count == 1)
            #expect(sleeps.all.isEmpty)
        }
    }

    @Test("a request without the key gets the router's 401 as auth")
    func missingKey() async throws {
        try await withClient { _, router, _, _ in
            try await withTransport { transport in
                let provider = Provider(name: "fake", baseURL: try #require(router.baseURL))
                let client = RouterClient(provider: provider, transport: transport, sleep: { _ in })
                let error = await routerFailure { () async throws(RouterError) -> CallResult in try await client.perform(chat("gpt-4o")) }
                #expect(error?.kind == .auth)
            }
        }
    }

    /// An error answer and the kind it must become (retries off).
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var answer: FakeAnswer
        var kind: RouterError.Kind
        var message: String
        var testDescription: String { "\(answer) → \(kind.rawValue)" }
    }

    @Test("error bodies become the right kind with the router's own message", arguments: [
        ErrorCase(answer: .openAIError(status: 400, message: "Argument not supported: size", type: "invalid_request_error", code: nil),
                  kind: .api, message: "Argument not supported: size"),
        ErrorCase(answer: .openAIError(status: 403, message: "insufficient quota", type: "new_api_error", code: "insufficient_user_quota"),
                  kind: .api, message: "insufficient quota"),
        ErrorCase(answer: .openAIError(status: 200, message: "not supported model for image generation", type: "invalid_request_error",
                                       code: "model_not_found", requestID: "req_200"),
                  kind: .api, message: "not supported model for image generation"),
        ErrorCase(answer: .openAIError(status: 503, message: "no channel", type: "new_api_error", code: "model_not_found", requestID: "req_x"),
                  kind: .http, message: "no channel"),
        ErrorCase(answer: .googleError(status: 400, message: #"Unknown name "imageOutputOptions" at 'generation_config.image_config'"#,
                                       reason: "INVALID_ARGUMENT"),
                  kind: .api, message: "imageOutputOptions"),
        ErrorCase(answer: .googleError(status: 429, message: "Resource has been exhausted", reason: "RESOURCE_EXHAUSTED"),
                  kind: .rateLimit, message: "Resource has been exhausted"),
        ErrorCase(answer: .htmlPage(status: 524), kind: .http, message: "524"),
        ErrorCase(answer: .htmlPage(status: 502), kind: .http, message: "502"),
        ErrorCase(answer: .emptyBody(status: 500), kind: .http, message: "500"),
        ErrorCase(answer: .emptyBody(status: 200), kind: .shape, message: "empty"),
        ErrorCase(answer: .truncatedJSON, kind: .decode, message: "cut off"),
        ErrorCase(answer: .streamError, kind: .http, message: "upstream connection lost"),
    ])
    func errorKinds(_ c: ErrorCase) async throws {
        try await withClient { client, router, _, _ in
            router.answer(with: c.answer)
            let error = await routerFailure { () async throws(RouterError) -> CallResult in
                try await client.perform(generate("gpt-image-1", retries: 0))
            }
            #expect(error?.kind == c.kind)
            #expect(error?.message.contains(c.message) == true, "\(error?.message ?? "no error")")
            #expect(error?.message.contains(testKey) == false)
            #expect(router.apiRequests.count == 1)
        }
    }
}
