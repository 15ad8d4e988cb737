import Foundation
import LimnImage
import LimnRouter
import Testing
@testable import LimnConfig

/// A router in a closure: b64 images on the images route, plain text on chat, a Google auth
/// error on the gemini route; it records every request it saw.
struct ScriptedTransport: Transport {
    /// The requests seen, in order.
    actor Log {
        private(set) var requests: [HTTPRequest] = []
        func append(_ request: HTTPRequest) { requests.append(request) }
    }

    let log = Log()
    let png: Data

    init() throws {
        png = try EncodedImage.encode(PixelBuffer(width: 32, height: 32, fill: RGBA(255, 0, 0)), as: .png).bytes
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        await log.append(request)
        let json: HTTPHeaders = ["Content-Type": "application/json"]
        let path = request.url.path
        if path.hasSuffix("/images/generations") {
            return HTTPResponse(status: 200, headers: json, body: Data(#"{"created":1,"data":[{"b64_json":"\#(png.base64EncodedString())"}]}"#.utf8))
        }
        if path.hasSuffix("/chat/completions") {
            return HTTPResponse(status: 200, headers: json, body: Data(#"{"id":"c1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"I can't draw, but a red square is easy to imagine."},"finish_reason":"stop"}]}"#.utf8))
        }
        return HTTPResponse(status: 401, headers: json, body: Data(#"{"error":{"code":401,"message":"API key not valid. Please pass a valid API key.","status":"UNAUTHENTICATED"}}"#.utf8))
    }
}

@Suite("Configuration to client, and the probe through a real RouterClient")
struct LimnConfigurationClientTests {
    static let key = "sk-" + "client-0123456789abcdefLMNO"

    @Test("The client gets the provider, the route table, the retry settings and the call timeout")
    func client() throws {
        let config = try configuration(toml: "[routes]\n\"gpt-4o\" = \"images\"\n[timeouts]\ncall = 90\n[retries]\ncount = 1\nbase = 0.25\ncap = 2\n",
                                       environment: ["LIMN_BASE_URL": "https://router.example/v1", "LIMN_API_KEY": Self.key])
        let client = config.routerClient(transport: try ScriptedTransport())
        #expect(client.provider == Provider(name: "env", baseURL: URL(string: "https://router.example/v1")!, apiKey: Secret(Self.key)))
        #expect(client.routes.route(for: "gpt-4o") == .images)
        #expect((client.retry.maxRetries, client.retry.baseDelay, client.retry.maxDelay) == (1, .milliseconds(250), .seconds(2)))
        #expect(client.builder.defaultTimeout == .seconds(90))
    }

    @Test("limn probe through RouterClient: an image, a text answer, an auth failure; the key only in the router's header")
    func probeThroughClient() async throws {
        let config = try configuration(environment: ["LIMN_BASE_URL": "https://router.example/v1", "LIMN_API_KEY": Self.key])
        let transport = try ScriptedTransport()
        let client = config.routerClient(transport: transport)
        var probe = RouterProbe(configuration: config, models: ["gpt-image-1", "gpt-4o", "gemini-2.5-flash-image"])
        probe.stopwatch = { { .milliseconds(40) } }
        let report = await probe.run { call throws(RouterError) in try await client.perform(call) }

        #expect(report.results.map(\.route) == [.images, .chat, .gemini])
        #expect(report.results.map(\.status) == [200, 200, 401])
        #expect(report.results.map(\.outcome) == ["ok", "no_image", "auth"])
        #expect(report.results.map(\.shape) == [.imagesB64, .text, nil])
        #expect(report.results[0].image == ProbeResult.ImageInfo(format: "png", width: 32, height: 32, bytes: transport.png.count))
        #expect(report.results[2].message?.contains("API key not valid") == true)
        #expect(report.summary == "3 probes: 1 returned images, 1 answered without one, 1 failed")

        let requests = await transport.log.requests
        #expect(requests.count == 3)
        #expect(requests.allSatisfy { $0.url.host == "router.example" })
        let imagesBody = requests.first { $0.url.path.hasSuffix("/images/generations") }.map { String(decoding: $0.body, as: UTF8.self) }
        #expect(imagesBody?.contains(#""prompt":"a red square on a white background""#) == true)
        #expect(imagesBody?.contains(#""size":"1024x1024""#) == true)
        #expect(!report.json().contains(Self.key))
        #expect(!report.table().contains(Self.key))
    }
}
