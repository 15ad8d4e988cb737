import Foundation
import Testing
@testable import LimnConfig

@Suite("Base URL normalization")
struct BaseURLTests {
    private func normalize(_ raw: String) throws(ConfigError) -> BaseURL {
        try BaseURL(raw, setting: "LIMN_BASE_URL", source: .environment("LIMN_BASE_URL"))
    }

    @Test("Accepted as written, or with /v1 added, trailing slashes and case of the host fixed", arguments: [
        ("https://api.crazyrouter.com/v1", "https://api.crazyrouter.com/v1", nil),
        ("https://api.crazyrouter.com/v1/", "https://api.crazyrouter.com/v1", nil),
        ("  https://API.Crazyrouter.com  ", "https://api.crazyrouter.com/v1", "/v1 added"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1", "/v1 added"),
        ("https://openrouter.ai/api/v1", "https://openrouter.ai/api/v1", nil),
        ("https://gateway.example/openai", "https://gateway.example/openai/v1", "/v1 added"),
        ("https://router.example/v2", "https://router.example/v2", nil),
    ] as [(String, String, String?)])
    func accepted(raw: String, expected: String, note: String?) throws {
        let url = try normalize(raw)
        #expect(url.url.absoluteString == expected)
        #expect(url.note == note)
        #expect(url.warnings.isEmpty)
    }

    @Test("Doubled /v1/v1, a pasted endpoint and a Gemini base are fixed with a warning", arguments: [
        ("https://api.crazyrouter.com/v1/v1", "https://api.crazyrouter.com/v1", "doubled /v1/v1"),
        ("https://api.crazyrouter.com/v1/chat/completions", "https://api.crazyrouter.com/v1", "endpoint /chat/completions"),
        ("https://api.crazyrouter.com/v1/v1/images/generations", "https://api.crazyrouter.com/v1", "doubled /v1/v1"),
        ("https://api.crazyrouter.com/v1beta", "https://api.crazyrouter.com/v1", "/v1beta, the Gemini path"),
    ])
    func warned(raw: String, expected: String, warning: String) throws {
        let url = try normalize(raw)
        #expect(url.url.absoluteString == expected)
        #expect(url.warnings.contains { $0.message.contains(warning) })
        #expect(url.warnings.allSatisfy { $0.source == .environment("LIMN_BASE_URL") })
    }

    @Test("Refused: no scheme, another scheme, credentials or a query — and a secret there is never echoed", arguments: [
        "api.crazyrouter.com/v1", "ftp://api.crazyrouter.com/v1", "https://user:sk-secret-123@api.crazyrouter.com/v1",
        "https://api.crazyrouter.com/v1?key=sk-secret-123", "", "https:///v1",
    ])
    func refused(raw: String) {
        let error = configError { _ = try normalize(raw) }
        #expect(error?.kind == .invalidValue)
        #expect(error?.source == .environment("LIMN_BASE_URL"))
        #expect(error?.description.contains("sk-secret-123") == false)
    }
}
