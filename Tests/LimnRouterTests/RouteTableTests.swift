import Foundation
import Testing
@testable import LimnRouter

@Suite("Routes, providers, secrets")
struct RouteTableTests {
    @Test(arguments: [
        ("gpt-image-1", Route.images), ("gpt-image-2", .images), ("GPT-Image-1.5", .images), ("chatgpt-image-latest", .images),
        ("dall-e-3", .images), ("nano-banana", .images), ("nano-banana-pro", .images), ("nano-banana-2", .images),
        ("seedream-4", .images), ("doubao-seedream-4-5", .images), ("qwen-image-plus", .images), ("grok-4-image", .images),
        ("grok-imagine-image", .images), ("gemini-2.5-flash-image", .gemini), ("gemini-3-pro-image-preview", .gemini),
        ("gpt-4o", .chat), ("gpt-4o-image", .chat), ("gpt-4o-mini", .chat), ("claude-sonnet-4", .chat), ("gemini-2.5-pro", .chat),
        ("grok-4", .chat),
    ])
    func builtInTable(model: String, route: Route) {
        #expect(RouteTable.builtIn.route(for: model) == route)
    }

    @Test func configEntriesWinAndViaWinsOverAll() {
        let table = RouteTable.builtIn.overriding(with: [.init("nano-banana*", .gemini), .init("my-*", .images)])
        #expect(table.route(for: "nano-banana-2") == .gemini)
        #expect(table.route(for: "my-model") == .images)
        #expect(table.route(for: "gpt-image-1") == .images)
        let call = Call(operation: .generate, model: "nano-banana-2", prompt: "x", via: .chat)
        #expect(table.route(for: call) == .chat)
    }

    @Test func globs() {
        #expect(Glob.matches(Array("a*b?c".unicodeScalars), Array("axxbyc".unicodeScalars)))
        #expect(!Glob.matches(Array("a*b?c".unicodeScalars), Array("axxbc".unicodeScalars)))
        #expect(Glob.matches(Array("*".unicodeScalars), Array("".unicodeScalars)))
        #expect(!Glob.matches(Array("gpt-4o".unicodeScalars), Array("gpt-4o-image".unicodeScalars)))
    }

    @Test(arguments: [
        ("https://api.crazyrouter.com/v1", "https://api.crazyrouter.com/v1/images/generations", "https://api.crazyrouter.com/v1beta/models/nano-banana-2:generateContent"),
        ("https://api.crazyrouter.com/v1/", "https://api.crazyrouter.com/v1/images/generations", "https://api.crazyrouter.com/v1beta/models/nano-banana-2:generateContent"),
        ("https://crazyrouter.com", "https://crazyrouter.com/v1/images/generations", "https://crazyrouter.com/v1beta/models/nano-banana-2:generateContent"),
        ("https://openrouter.ai/api/v1", "https://openrouter.ai/api/v1/images/generations", "https://openrouter.ai/api/v1beta/models/nano-banana-2:generateContent"),
        ("http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1/images/generations", "http://127.0.0.1:8080/v1beta/models/nano-banana-2:generateContent"),
    ])
    func urlJoiningNeverDoublesTheVersion(base: String, images: String, gemini: String) throws {
        let provider = Provider(name: "p", baseURL: try #require(URL(string: base)))
        #expect(provider.url(for: "images/generations").absoluteString == images)
        #expect(provider.url(for: "/v1/images/generations").absoluteString == images)
        #expect(provider.geminiURL(model: "nano-banana-2").absoluteString == gemini)
    }

    @Test func secretsNeverPrint() {
        let key = "sk-" + "live-abcdefghijklmnopqrstuvwxyz4"
        let secret = Secret(key)
        #expect(secret.description == "sk-…xyz4")
        #expect("\(secret)" == "sk-…xyz4")
        #expect(!String(reflecting: secret).contains(key))
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains(key) && dumped.contains("<redacted>"))
        #expect(Secret("short").description == "…")
        let provider = Provider(name: "p", baseURL: URL(string: "https://x.test/v1")!, apiKey: secret)
        var dumpedProvider = ""
        dump(provider, to: &dumpedProvider)
        #expect(!dumpedProvider.contains(key))
        #expect(!"\(provider)".contains(key))
        #expect(Provider(name: "p", baseURL: URL(string: "https://x.test/v1")!, apiKey: Secret("")).apiKey == nil)
    }

    @Test func requestsAndHeadersRedactKeysWhenPrinted() throws {
        let call = Call(operation: .generate, model: "gpt-image-1", prompt: "a cat")
        let request = try RequestBuilder.build(call: call, route: .images, provider: Fixtures.provider)
        let key = Fixtures.provider.apiKey!.revealedValue
        #expect(request.headers["Authorization"] == "Bearer \(key)")
        for text in ["\(request)", String(reflecting: request), "\(request.headers)", String(reflecting: request.headers)] {
            #expect(!text.contains(key), "\(text)")
        }
        var dumped = ""
        dump(request, to: &dumped)
        #expect(!dumped.contains(key))
    }
}
