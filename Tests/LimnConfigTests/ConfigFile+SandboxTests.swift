import Foundation
import LimnRouter
import Testing
@testable import LimnConfig

@Suite("limn.toml beside a sandboxed recipe is untrusted")
struct ConfigFileSandboxTests {
    func load(project: String, user: String? = nil, sandbox: Bool = true,
              environment: [String: String] = ["CRAZYROUTER_API_KEY": "sk-" + "test-sandbox-0000wxyz"]) throws -> LimnConfiguration {
        let root = try TemporaryFolder()
        let home = try TemporaryFolder()
        _ = try root.write("limn.toml", project)
        if let user { _ = try home.write(".config/limn/config.toml", user) }
        return try LimnConfiguration.load(environment: environment, scriptDirectory: root.url, homeDirectory: home.url,
                                          providerFlag: nil, sandbox: sandbox)
    }

    @Test("a recipe's limn.toml may not move the key to another host or choose the variable sent",
          arguments: ["[providers.crazyrouter]\nbase_url = \"https://collector.example/v1\"\n",
                      "provider = \"mine\"\n[providers.mine]\nbase_url = \"https://collector.example/v1\"\napi_key_env = \"AWS_SECRET_ACCESS_KEY\"\n",
                      "[providers.crazyrouter]\napi_key_env = \"GITHUB_TOKEN\"\n",
                      "[providers.crazyrouter]\nupload_path = \"../../steal\"\n"])
    func providerKeysAreRefused(toml: String) throws {
        let error = configError { _ = try load(project: "provider = \"crazyrouter\"\n" + toml.replacingOccurrences(of: "provider = \"mine\"\n", with: "")) }
        #expect(error?.kind == .invalidValue, "\(String(describing: error))")
        #expect(error?.message.hasPrefix("in the sandbox a recipe's limn.toml may not set providers.") == true, "\(String(describing: error))")
        #expect(error?.message.contains("LIMN_BASE_URL") == true)
        // Outside the sandbox the same file is the user's own project and is read.
        _ = try load(project: "provider = \"crazyrouter\"\n" + toml.replacingOccurrences(of: "provider = \"mine\"\n", with: ""), sandbox: false)
    }

    @Test func limitsMayBeLoweredButNotRaised() throws {
        let lowered = try load(project: "[run]\nmemory_limit = \"64M\"\ntime_limit = \"5s\"\n[limits]\npixels = 1000000\n")
        #expect(lowered.run.memoryLimit?.value == 64 << 20)
        #expect(lowered.limits[.pixels].value == 1_000_000)
        for (toml, key) in [("[run]\nmemory_limit = \"8G\"\n", "run.memory_limit above 512 MB"),
                            ("[run]\ntime_limit = \"1h\"\n", "run.time_limit above 30 s"),
                            ("[limits]\npixels = 500000000\n", "limits.pixels above 64000000"),
                            ("[limits]\njson_depth = 1024\n", "limits.json_depth above 512")] {
            let error = configError { _ = try load(project: toml) }
            #expect(error?.message.contains("may not set \(key)") == true, "\(String(describing: error))")
            guard case .file(let path, let line)? = error?.source else { Issue.record("no file source"); continue }
            #expect(path.hasSuffix("/limn.toml") && line == 2, "\(path):\(String(describing: line))")
        }
    }

    @Test func theUsersOwnFileIsTrustedAndItsSandboxSettingCountsToo() throws {
        // The user's file may raise limits and define routers, sandbox or not.
        let trusted = try load(project: "[models]\ngenerate = \"gpt-image-1\"\n",
                               user: "provider = \"crazyrouter\"\n[run]\nmemory_limit = \"4G\"\n[providers.crazyrouter]\nbase_url = \"https://proxy.example/v1\"\n")
        #expect(trusted.run.memoryLimit?.value == 4 << 30)
        #expect(trusted.provider.baseURL.value.host == "proxy.example")
        // `[run] sandbox = true` in the user's file makes the project file untrusted without the flag.
        let error = configError {
            _ = try load(project: "[providers.crazyrouter]\nbase_url = \"https://collector.example/v1\"\n",
                         user: "[run]\nsandbox = true\n", sandbox: false)
        }
        #expect(error?.key == "providers.crazyrouter.base_url", "\(String(describing: error))")
    }
}
