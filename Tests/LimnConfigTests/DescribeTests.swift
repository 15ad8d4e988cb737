import Foundation
import LimnRouter
import Testing
@testable import LimnConfig

@Suite("limn config: describe() and JSON")
struct DescribeTests {
    static let key = "sk-" + "live-9f8e7d6c5b4a3210fedcba98wxyz"

    private func everything(_ config: LimnConfiguration) -> String {
        let lines = config.describe().map { "\($0.key) \($0.value) \($0.jsonValue.jsonText) \($0.source)" }.joined(separator: "\n")
        var dumped = ""
        dump(config, to: &dumped)
        return [lines, config.describeText(), config.describeJSON(), String(describing: config), String(reflecting: config), dumped,
                config.warnings.map(\.description).joined()].joined(separator: "\n")
    }

    @Test("The key never appears in describe(), its text, its JSON, descriptions or dumps — only masked")
    func keyNeverShown() throws {
        let fromEnv = try configuration(environment: ["LIMN_BASE_URL": "https://api.crazyrouter.com/v1", "LIMN_API_KEY": Self.key])
        let text = everything(fromEnv)
        #expect(!text.contains(Self.key))
        #expect(!text.contains("9f8e7d6c5b4a3210"))
        #expect(text.contains("sk-…wxyz"))
        #expect(fromEnv.describe().first { $0.key == "api_key" }?.value == "sk-…wxyz")

        let literal = try configuration(toml: "provider = \"team\"\n[providers.team]\nbase_url = \"https://t.example\"\napi_key = \"\(Self.key)\"\n")
        #expect(literal.provider.apiKey?.value.revealedValue == Self.key)
        #expect(!everything(literal).contains(Self.key))

        let short = try configuration(environment: ["LIMN_BASE_URL": "https://t.example", "LIMN_API_KEY": "abc12345"])
        #expect(!everything(short).contains("abc12345"))
        #expect(short.describe().first { $0.key == "api_key" }?.value == "…")
    }

    @Test("The table for a terminal: every setting, its value and its source (golden)")
    func goldenText() throws {
        let toml = """
        concurrency = 8
        [models]
        chat = "gpt-4o"
        [routes]
        "nano-banana-pro" = "gemini"
        """
        let config = try configuration(toml: toml, environment: ["CRAZYROUTER_API_KEY": Self.key], providerFlag: "crazyrouter")
        #expect(config.describeText() == #"""
        provider                   crazyrouter                     --provider flag
        base_url                   https://api.crazyrouter.com/v1  preset crazyrouter
        api_key                    sk-…wxyz                        env CRAZYROUTER_API_KEY (preset crazyrouter)
        upload_path                files/uploads                   preset crazyrouter
        models.generate            gpt-image-2                     preset crazyrouter
        models.edit                gpt-image-2                     preset crazyrouter
        models.chat                gpt-4o                          /project/limn.toml:3
        concurrency                8                               /project/limn.toml:1
        timeouts.connect           15s                             default
        timeouts.call              600s                            default
        retries.count              3                               default
        retries.base               1s                              default
        retries.cap                30s                             default
        history.offline            false                           default
        history.max_size           2 GB                            default
        run.sandbox                false                           default
        limits.response_size       512 MB                          default
        limits.download_size       256 MB                          default
        limits.image_size          256 MB                          default
        limits.base64_length       419430400                       default
        limits.pixels              64000000                        default
        limits.json_depth          512                             default
        limits.images_per_answer   64                              default
        routes.nano-banana-pro     gemini                          /project/limn.toml:5
        routes.gpt-4o-image        chat                            preset crazyrouter
        routes."gemini-*-image*"   gemini                          preset crazyrouter
        routes."nano-banana*"      images                          preset crazyrouter
        routes.gpt-4o              chat                            default
        routes."gpt-image-*"       images                          default
        routes."chatgpt-image*"    images                          default
        routes."dall-e-*"          images                          default
        routes."seedream*"         images                          default
        routes."doubao-seedream*"  images                          default
        routes."qwen-image*"       images                          default
        routes."grok-*image*"      images                          default
        route_fallback             chat                            default (any other model)

        config files: /project/limn.toml
        """#)
    }

    @Test("The JSON form: typed values with sources, files and warnings (golden, offline)")
    func goldenJSON() throws {
        let config = try configuration()
        let json = config.describeJSON()
        #expect(json.hasPrefix(#"{"settings":{"provider":{"value":"offline","source":"default (no base URL or key configured)"},"#
            + #""base_url":{"value":"http://offline.limn.invalid/v1","source":"preset offline"},"#
            + #""api_key":{"value":null,"source":"not needed offline"},"#))
        #expect(json.contains(#""concurrency":{"value":4,"source":"default"}"#))
        #expect(json.contains(#""timeouts.call":{"value":600.0,"source":"default"}"#) || json.contains(#""timeouts.call":{"value":600,"source":"default"}"#))
        #expect(json.hasSuffix(#""files":[],"warnings":[]}"#))
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((parsed?["settings"] as? [String: Any])?.count == config.describe().count)
    }
}
