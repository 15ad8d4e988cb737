import Foundation
import LimnRouter
import Testing
@testable import LimnConfig

@Suite("Provider selection and precedence")
struct LimnConfigurationTests {
    static let key = "sk-" + "limn-0123456789abcdefWXYZ"

    @Test("Nothing configured anywhere: the offline provider, Limn's defaults, no warnings")
    func offlineByDefault() throws {
        let home = try TemporaryFolder()
        let script = try TemporaryFolder()
        let config = try LimnConfiguration.load(environment: [:], scriptDirectory: script.url, homeDirectory: home.url, providerFlag: nil)
        #expect(config.isOffline)
        #expect(config.provider.name == Sourced("offline", .builtIn, note: "no base URL or key configured"))
        #expect(config.provider.baseURL.value.absoluteString == "http://offline.limn.invalid/v1")
        #expect(config.provider.apiKey == nil)
        #expect(config.models == .builtIn)
        #expect(config.concurrency == Sourced(4, .builtIn))
        #expect(config.timeouts.connect.value == .seconds(15))
        #expect(config.timeouts.call.value == .seconds(600))
        #expect(config.retries == .builtIn)
        #expect(config.files.isEmpty)
        #expect(config.warnings.isEmpty)
        #expect(config.routeTable == RouteTable.builtIn)
    }

    @Test("The environment beats the file, which beats the preset, which beats the default")
    func precedence() throws {
        let toml = """
        provider = "crazyrouter"
        [providers.crazyrouter]
        base_url = "https://cn.crazyrouter.com/v1"
        [models]
        chat = "gpt-4o"
        """
        let fileOnly = try configuration(toml: toml, environment: ["CRAZYROUTER_API_KEY": Self.key])
        #expect(fileOnly.provider.name == Sourced("crazyrouter", .file(path: "/project/limn.toml", line: 1)))
        #expect(fileOnly.provider.baseURL.value.absoluteString == "https://cn.crazyrouter.com/v1")
        #expect(fileOnly.provider.baseURL.source == .file(path: "/project/limn.toml", line: 3))
        #expect(fileOnly.provider.apiKey?.source == .environment("CRAZYROUTER_API_KEY"))
        #expect(fileOnly.provider.uploadPath == Sourced("files/uploads", .preset("crazyrouter")))
        #expect(fileOnly.models.chat == Sourced("gpt-4o", .file(path: "/project/limn.toml", line: 5)))
        #expect(fileOnly.models.generate == Sourced("gpt-image-2", .preset("crazyrouter")))
        #expect(fileOnly.timeouts.call.source == .builtIn)

        let withEnv = try configuration(toml: toml, environment: [
            "LIMN_BASE_URL": "https://api.crazyrouter.com", "LIMN_API_KEY": Self.key, "CRAZYROUTER_API_KEY": "sk-" + "other-key-0000000000",
        ])
        #expect(withEnv.provider.name.value == "crazyrouter")
        #expect(withEnv.provider.name.source == .environment("LIMN_BASE_URL"))
        #expect(withEnv.provider.baseURL == Sourced(URL(string: "https://api.crazyrouter.com/v1")!, .environment("LIMN_BASE_URL"), note: "/v1 added"))
        #expect(withEnv.provider.apiKey == Sourced(Secret(Self.key), .environment("LIMN_API_KEY")))
        #expect(withEnv.provider.uploadPath?.value == "files/uploads")
        #expect(withEnv.models.chat.value == "gpt-4o")
    }

    @Test("--provider crazyrouter selects the preset: base URL, upload path, models, routes, key variable")
    func presetByFlag() throws {
        let config = try configuration(environment: ["CRAZYROUTER_API_KEY": Self.key], providerFlag: "crazyrouter")
        #expect(config.provider.name == Sourced("crazyrouter", .flag("--provider")))
        #expect(config.provider.baseURL == Sourced(URL(string: "https://api.crazyrouter.com/v1")!, .preset("crazyrouter")))
        #expect(config.provider.apiKey?.value == Secret(Self.key))
        #expect(config.provider.apiKey?.source == .environment("CRAZYROUTER_API_KEY"))
        #expect(config.provider.provider.uploadPath == "files/uploads")
        #expect(config.models.generate.value == "gpt-image-2")
        #expect(config.models.chat.value == "gpt-4o-mini")
        #expect(config.routeOverrides.map(\.source) == [.preset("crazyrouter"), .preset("crazyrouter"), .preset("crazyrouter")])
        #expect(config.routeTable.route(for: "nano-banana-2") == .images)
        #expect(config.routeTable.route(for: "gemini-2.5-flash-image") == .gemini)
        #expect(config.warnings.isEmpty)
    }

    @Test("provider = \"crazyrouter\" in the file selects the preset; LIMN_API_KEY beats CRAZYROUTER_API_KEY")
    func presetByFile() throws {
        let config = try configuration(toml: "provider = \"crazyrouter\"\n",
                                       environment: ["LIMN_API_KEY": Self.key, "CRAZYROUTER_API_KEY": "sk-" + "crazy-0000000000000"])
        #expect(config.provider.name.value == "crazyrouter")
        #expect(config.provider.apiKey == Sourced(Secret(Self.key), .environment("LIMN_API_KEY")))
    }

    @Test("--provider offline wins over everything, keys and base URLs included")
    func offlineFlag() throws {
        let config = try configuration(toml: "provider = \"crazyrouter\"\n",
                                       environment: ["LIMN_BASE_URL": "https://api.crazyrouter.com/v1", "LIMN_API_KEY": Self.key],
                                       providerFlag: "offline")
        #expect(config.isOffline)
        #expect(config.provider.name.source == .flag("--provider"))
        #expect(config.provider.apiKey == nil)
        #expect(config.provider.provider.host == "offline.limn.invalid")
    }

    @Test("OPENAI_BASE_URL and OPENAI_API_KEY are the fallback when no LIMN_* is set")
    func openAIFallback() throws {
        let config = try configuration(environment: ["OPENAI_BASE_URL": "https://router.example.com/v1/", "OPENAI_API_KEY": Self.key])
        #expect(config.provider.name == Sourced("env", .environment("OPENAI_BASE_URL")))
        #expect(config.provider.baseURL.value.absoluteString == "https://router.example.com/v1")
        #expect(config.provider.apiKey == Sourced(Secret(Self.key), .environment("OPENAI_API_KEY")))

        let limnWins = try configuration(environment: [
            "OPENAI_BASE_URL": "https://router.example.com/v1", "OPENAI_API_KEY": "sk-" + "openai-000000000000",
            "LIMN_BASE_URL": "https://limn.example.org/v1", "LIMN_API_KEY": Self.key,
        ])
        #expect(limnWins.provider.baseURL.value.host == "limn.example.org")
        #expect(limnWins.provider.apiKey?.value == Secret(Self.key))
    }

    @Test("OPENAI_API_KEY alone means OpenAI itself, as the SDKs do")
    func openAIKeyAlone() throws {
        let config = try configuration(environment: ["OPENAI_API_KEY": Self.key])
        #expect(config.provider.name.value == "openai")
        #expect(config.provider.name.source == .environment("OPENAI_API_KEY"))
        #expect(config.provider.baseURL.value.absoluteString == "https://api.openai.com/v1")
        #expect(config.provider.apiKey?.source == .environment("OPENAI_API_KEY"))
    }

    @Test("The OpenAI key never goes to a router named by LIMN_BASE_URL")
    func noKeyMixing() throws {
        let config = try configuration(environment: ["LIMN_BASE_URL": "https://router.example.com/v1", "OPENAI_API_KEY": Self.key])
        #expect(config.provider.apiKey == nil)
        #expect(config.warnings.contains { $0.message.contains("OPENAI_API_KEY is not sent") })
    }

    @Test("LIMN_API_KEY with no router anywhere is an error that says what to set")
    func keyWithoutRouter() {
        let error = configError { _ = try configuration(environment: ["LIMN_API_KEY": Self.key, "OPENAI_BASE_URL": "https://x.example/v1"]) }
        #expect(error?.kind == .missingBaseURL)
        #expect(error?.source == .environment("LIMN_API_KEY"))
        #expect(error?.message.contains("set LIMN_BASE_URL") == true)
        #expect(error?.description.contains(Self.key) == false)
    }

    @Test("LIMN_API_KEY alone is the key of a provider chosen in the file")
    func keyWithFileProvider() throws {
        let config = try configuration(toml: "provider = \"crazyrouter\"", environment: ["LIMN_API_KEY": Self.key])
        #expect(config.provider.apiKey?.source == .environment("LIMN_API_KEY"))
    }

    @Test("An unknown provider is an error with a suggestion, from the flag or the file")
    func unknownProvider() {
        let flag = configError { _ = try configuration(providerFlag: "crazyrouer") }
        #expect(flag?.kind == .unknownProvider)
        #expect(flag?.source == .flag("--provider"))
        #expect(flag?.message.contains("did you mean 'crazyrouter'?") == true)

        let file = configError { _ = try configuration(toml: "\nprovider = \"ofline\"") }
        #expect(file?.kind == .unknownProvider)
        #expect(file?.source == .file(path: "/project/limn.toml", line: 2))
        #expect(file?.message.contains("did you mean 'offline'?") == true)
    }

    @Test("A provider defined in the file needs a base URL; the environment may give it")
    func customProvider() throws {
        let toml = """
        provider = "local"
        [providers.local]
        api_key_env = "LOCAL_KEY"
        upload_path = "/uploads/"
        """
        let missing = configError { _ = try configuration(toml: toml) }
        #expect(missing?.kind == .missingBaseURL)
        #expect(missing?.message.contains("[providers.local]") == true)

        let config = try configuration(toml: toml + "\nbase_url = \"http://127.0.0.1:8080\"", environment: ["LOCAL_KEY": Self.key])
        #expect(config.provider.name.value == "local")
        #expect(config.provider.baseURL.value.absoluteString == "http://127.0.0.1:8080/v1")
        #expect(config.provider.apiKey?.source == .environment("LOCAL_KEY"))
        #expect(config.provider.apiKey?.note == "named by api_key_env at /project/limn.toml:3")
        #expect(config.provider.uploadPath?.value == "uploads")
        #expect(config.warnings.isEmpty)
    }

    @Test("LIMN_BASE_URL on a file provider's host takes that provider's name and key variable")
    func environmentMatchesFileProvider() throws {
        let toml = """
        [providers.team]
        base_url = "https://llm.team.example/v1"
        api_key_env = "TEAM_KEY"
        """
        let config = try configuration(toml: toml, environment: ["LIMN_BASE_URL": "https://llm.team.example/v1", "TEAM_KEY": Self.key])
        #expect(config.provider.name.value == "team")
        #expect(config.provider.apiKey?.source == .environment("TEAM_KEY"))
    }

    @Test("Warnings: an unset api_key_env variable, no key at all, LIMN_BASE_URL overriding the file")
    func warnings() throws {
        let toml = """
        provider = "team"
        [providers.team]
        base_url = "https://llm.team.example"
        api_key_env = "TEAM_KEY"
        """
        let config = try configuration(toml: toml)
        #expect(config.warnings.map(\.message) == [
            "TEAM_KEY, named by api_key_env for provider team, is not set",
            "no API key for provider team: set LIMN_API_KEY or TEAM_KEY; calls go without one",
        ])
        #expect(config.warnings.map(\.source) == [.file(path: "/project/limn.toml", line: 4), .file(path: "/project/limn.toml", line: 1)])
        let overridden = try configuration(toml: toml, environment: ["LIMN_BASE_URL": "https://other.example/v1", "LIMN_API_KEY": Self.key])
        #expect(overridden.provider.name.value == "env")
        #expect(overridden.warnings.map(\.description) == [
            "env LIMN_BASE_URL: LIMN_BASE_URL overrides provider = \"team\" at /project/limn.toml:1; unset LIMN_BASE_URL to use team",
        ])
    }

    @Test("--concurrency beats the file, which beats the default; out of range is an error")
    func concurrency() throws {
        #expect(try configuration(toml: "concurrency = 8").concurrency == Sourced(8, .file(path: "/project/limn.toml", line: 1)))
        #expect(try configuration(toml: "concurrency = 8", concurrencyFlag: 2).concurrency == Sourced(2, .flag("--concurrency")))
        #expect(configError { _ = try configuration(concurrencyFlag: 0) }?.source == .flag("--concurrency"))
    }

    @Test("Timeouts and retries come from the file; cap below base is an error naming the key")
    func timeoutsAndRetries() throws {
        let config = try configuration(toml: "[timeouts]\nconnect = 2.5\ncall = 120\n[retries]\ncount = 0\nbase = 0.5\ncap = 4\n")
        #expect(config.timeouts.connect == Sourced(.milliseconds(2500), .file(path: "/project/limn.toml", line: 2)))
        #expect(config.timeouts.call.value == .seconds(120))
        #expect(config.retries.count.value == 0)
        #expect(config.retries.base.value == .milliseconds(500))
        #expect(config.retries.cap == Sourced(.seconds(4), .file(path: "/project/limn.toml", line: 7)))
        let error = configError { _ = try configuration(toml: "[retries]\nbase = 10\ncap = 5\n") }
        #expect(error?.kind == .invalidValue)
        #expect(error?.key == "retries.cap")
        #expect(error?.source == .file(path: "/project/limn.toml", line: 3))
    }

    @Test("A plain-http router off this machine with a key is warned about")
    func plainHTTP() throws {
        let config = try configuration(environment: ["LIMN_BASE_URL": "http://router.example.com/v1", "LIMN_API_KEY": Self.key])
        #expect(config.warnings.map(\.message) == ["the base URL is plain http, so the key travels unencrypted; use https"])
        let local = try configuration(environment: ["LIMN_BASE_URL": "http://127.0.0.1:9000", "LIMN_API_KEY": Self.key])
        #expect(local.warnings.isEmpty)
    }
}
