import Foundation
import LimnRouter
import Testing
@testable import LimnConfig

@Suite("limn.toml: finding, parsing, errors")
struct ConfigFileTests {
    @Test("limn.toml is found upward from a nested script folder and its lines are reported")
    func foundUpward() throws {
        let root = try TemporaryFolder()
        let home = try TemporaryFolder()
        let file = try root.write("project/limn.toml", "# team settings\nconcurrency = 6\n")
        let script = try root.folder("project/recipes/deep/er")
        let config = try LimnConfiguration.load(environment: [:], scriptDirectory: script, homeDirectory: home.url, providerFlag: nil)
        #expect(config.files == [file.path])
        #expect(config.concurrency == Sourced(6, .file(path: file.path, line: 2)))
        #expect(config.concurrency.sourceDescription == "\(file.path):2")

        let sibling = try root.folder("elsewhere")
        let none = try LimnConfiguration.load(environment: [:], scriptDirectory: sibling, homeDirectory: home.url, providerFlag: nil)
        #expect(none.files.isEmpty)
        #expect(none.concurrency.source == .builtIn)
    }

    @Test("The project file beats the user's config.toml key by key; XDG_CONFIG_HOME is honoured")
    func projectOverUser() throws {
        let root = try TemporaryFolder()
        let home = try TemporaryFolder()
        let user = try home.write(".config/limn/config.toml", "concurrency = 2\n[models]\nchat = \"gpt-4o\"\n[routes]\n\"flux*\" = \"images\"\n")
        let project = try root.write("limn.toml", "concurrency = 8\n[routes]\n\"FLUX*\" = \"chat\"\n")
        let config = try LimnConfiguration.load(environment: [:], scriptDirectory: root.url, homeDirectory: home.url, providerFlag: nil)
        #expect(config.files == [user.path, project.path])
        #expect(config.concurrency == Sourced(8, .file(path: project.path, line: 1)))
        #expect(config.models.chat == Sourced("gpt-4o", .file(path: user.path, line: 3)))
        #expect(config.routeOverrides == [RouteOverride(pattern: "FLUX*", route: .chat, source: .file(path: project.path, line: 3))])

        let xdg = try TemporaryFolder()
        let xdgFile = try xdg.write("limn/config.toml", "concurrency = 3\n")
        let viaXDG = try LimnConfiguration.load(environment: ["XDG_CONFIG_HOME": xdg.url.path], scriptDirectory: nil,
                                                homeDirectory: home.url, providerFlag: nil)
        #expect(viaXDG.files == [xdgFile.path])
        #expect(viaXDG.concurrency.value == 3)
    }

    @Test("An unknown key names the file, the line and the key, and suggests the right one")
    func unknownKey() {
        let error = configError { _ = try ConfigFile.parse("provider = \"offline\"\nconcurency = 8\n", path: "/p/limn.toml") }
        #expect(error?.kind == .unknownKey)
        #expect(error?.key == "concurency")
        #expect(error?.source == .file(path: "/p/limn.toml", line: 2))
        #expect(error?.description == "config: /p/limn.toml:2: unknown key 'concurency' at the top level; did you mean 'concurrency'? "
            + "(known keys: provider, concurrency, providers, models, routes, timeouts, retries, run, limits, prices, history)")

        let nested = configError { _ = try ConfigFile.parse("[timeouts]\nconnect = 5\nCall = 60\n", path: "/p/limn.toml") }
        #expect(nested?.key == "timeouts.Call")
        #expect(nested?.source == .file(path: "/p/limn.toml", line: 3))
        #expect(nested?.message.contains("in [timeouts]; did you mean 'call'?") == true)

        let table = configError { _ = try ConfigFile.parse("[model]\ngenerate = \"x\"\n", path: "/p/limn.toml") }
        #expect(table?.message.contains("did you mean 'models'?") == true)
        #expect(table?.source == .file(path: "/p/limn.toml", line: 1))

        let provider = configError { _ = try ConfigFile.parse("[providers.crazyrouter]\nbase_uri = \"https://x.example\"\n", path: "/p/limn.toml") }
        #expect(provider?.key == "providers.crazyrouter.base_uri")
        #expect(provider?.message.contains("did you mean 'base_url'?") == true)
    }

    @Test("Wrong types name the key, the line and the type found, without echoing the value")
    func wrongTypes() {
        let error = configError { _ = try ConfigFile.parse("concurrency = \"8\"\n", path: "/p/limn.toml") }
        #expect(error?.kind == .wrongType)
        #expect(error?.description == "config: /p/limn.toml:1: concurrency must be an integer; found a string")

        let timeout = configError { _ = try ConfigFile.parse("timeouts = { connect = true }\n", path: "/p/limn.toml") }
        #expect(timeout?.description == "config: /p/limn.toml:1: timeouts.connect must be a number of seconds; found a boolean")

        let providerTable = configError { _ = try ConfigFile.parse("[provider.crazyrouter]\nbase_url = \"https://x.example\"\n", path: "/p/limn.toml") }
        #expect(providerTable?.kind == .wrongType)
        #expect(providerTable?.message.contains("[providers.NAME]") == true)

        let range = configError { _ = try ConfigFile.parse("[timeouts]\ncall = -1\n", path: "/p/limn.toml") }
        #expect(range?.kind == .invalidValue)
        #expect(range?.source == .file(path: "/p/limn.toml", line: 2))
    }

    @Test("An unknown route names the entry and suggests the right route")
    func unknownRoute() {
        let error = configError { _ = try ConfigFile.parse("[routes]\n\"gpt-4o\" = \"chat\"\n\"nano-banana*\" = \"gemni\"\n", path: "/p/limn.toml") }
        #expect(error?.kind == .unknownRoute)
        #expect(error?.key == "routes.\"nano-banana*\"")
        #expect(error?.source == .file(path: "/p/limn.toml", line: 3))
        #expect(error?.message == "unknown route for routes.\"nano-banana*\"; did you mean 'gemini'? (routes: images, chat, gemini)")
    }

    @Test("A syntax error carries TOML's line")
    func syntax() {
        let error = configError { _ = try ConfigFile.parse("concurrency = 4\n[models\nchat = 1\n", path: "/p/limn.toml") }
        #expect(error?.kind == .syntax)
        #expect(error?.source == .file(path: "/p/limn.toml", line: 2))
    }

    @Test("Keys: a literal api_key is accepted with a warning; a key in api_key_env is refused unechoed; offline takes no table")
    func keysInFiles() throws {
        let key = "sk-" + "literal-0123456789abcdef"
        let file = try ConfigFile.parse("[providers.team]\nbase_url = \"https://t.example\"\napi_key = \"\(key)\"\n", path: "/p/limn.toml")
        #expect(file.providers["team"]?.apiKey == Sourced(Secret(key), .file(path: "/p/limn.toml", line: 3)))
        #expect(file.warnings.count == 1)
        #expect(file.warnings.first?.description.hasPrefix("/p/limn.toml:3: providers.team.api_key is written in the file") == true)
        #expect(file.warnings.first?.description.contains(key) == false)

        let misplaced = configError { _ = try ConfigFile.parse("[providers.team]\napi_key_env = \"\(key)\"\n", path: "/p/limn.toml") }
        #expect(misplaced?.kind == .invalidValue)
        #expect(misplaced?.description.contains(key) == false)
        #expect(misplaced?.message.contains("move it into that variable") == true)

        let offline = configError { _ = try ConfigFile.parse("[providers.offline]\nbase_url = \"https://x.example\"\n", path: "/p/limn.toml") }
        #expect(offline?.message.contains("built in") == true)
    }

    @Test("Route globs from the file feed the route table; exact names beat globs, the case does not matter")
    func routesFeedTable() throws {
        let toml = """
        [routes]
        "nano-banana*" = "gemini"
        "nano-banana-pro" = "chat"
        "my-*-model" = "images"
        """
        let config = try configuration(toml: toml)
        #expect(config.routeOverrides.map(\.pattern) == ["nano-banana-pro", "nano-banana*", "my-*-model"])
        #expect(config.routeOverrides[1].source == .file(path: "/project/limn.toml", line: 2))
        let table = config.routeTable
        #expect(table.route(for: "nano-banana-2") == .gemini)
        #expect(table.route(for: "NANO-BANANA") == .gemini)
        #expect(table.route(for: "nano-banana-pro") == .chat)
        #expect(table.route(for: "my-great-model") == .images)
        #expect(table.route(for: "gpt-image-1") == .images)
        #expect(table.route(for: "claude-3") == .chat)

        let preset = try configuration(toml: toml, providerFlag: "crazyrouter")
        #expect(preset.routeOverrides.map(\.pattern) == ["nano-banana-pro", "nano-banana*", "my-*-model", "gpt-4o-image", "gemini-*-image*"])
        #expect(preset.routeTable.route(for: "nano-banana-2") == .gemini)
    }

    @Test("The line index reads dotted, quoted and nested keys and skips multi-line strings")
    func lineIndex() throws {
        let index = try TOMLParser.parse("""
        # comment
        a.b = 1
        "quoted key" = '''
        x = 2
        '''
        [ t . "u v" ]
          c = 3
        d = { e = 4 }
        """).lines
        #expect(index.line(for: ["a", "b"]) == 2)
        #expect(index.line(for: ["quoted key"]) == 3)
        #expect(index.line(for: ["x"]) == nil)
        #expect(index.line(for: ["t", "u v"]) == 6)
        #expect(index.line(for: ["t", "u v", "c"]) == 7)
        #expect(index.line(for: ["t", "u v", "d", "e"]) == 8)
    }

    @Test("Did-you-mean finds near misses and nothing for strangers")
    func suggestions() {
        #expect(Suggestion.closest(to: "concurency", in: ConfigFileReader.topLevelKeys) == "concurrency")
        #expect(Suggestion.closest(to: "model", in: ConfigFileReader.topLevelKeys) == "models")
        #expect(Suggestion.closest(to: "base-url", in: ConfigFileReader.providerKeys) == "base_url")
        #expect(Suggestion.closest(to: "retires", in: ConfigFileReader.topLevelKeys) == "retries")
        #expect(Suggestion.closest(to: "colour", in: ConfigFileReader.topLevelKeys) == nil)
    }
}
