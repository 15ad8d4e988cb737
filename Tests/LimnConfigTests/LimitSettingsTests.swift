import Foundation
import LimnRouter
import Testing
@testable import LimnConfig

@Suite("limn.toml: [limits] and hostile config files")
struct LimitSettingsTests {
    @Test func everyLimitCanBeSetAndReachesTheRouterLimits() throws {
        let toml = """
        [limits]
        response_size = "64M"
        download_size = "32M"
        image_size = 1048576
        base64_length = "2M"
        pixels = "16M"
        json_depth = 64
        images_per_answer = 8
        """
        let config = try configuration(toml: toml)
        let limits = config.limits.routerLimits
        #expect(limits.maxResponseBytes == 64 << 20)
        #expect(limits.maxDownloadBytes == 32 << 20)
        #expect(limits.image.maxBytes == 1 << 20)
        #expect(limits.maxBase64Length == 2 << 20)
        #expect(limits.image.maxPixels == 16 << 20)
        #expect(limits.maxJSONDepth == 64)
        #expect(limits.maxImagesPerAnswer == 8)
        #expect(config.limits[.jsonDepth].source == .file(path: "/project/limn.toml", line: 7))
        #expect(config.routerClient(transport: NoTransport()).limits == limits)
        let lines = Dictionary(uniqueKeysWithValues: config.describe().map { ($0.key, $0) })
        #expect(lines["limits.response_size"]?.value == "64 MB")
        #expect(lines["limits.images_per_answer"]?.source == "/project/limn.toml:8")
    }

    @Test func unsetLimitsAreTheBuiltInOnes() throws {
        let config = try configuration()
        #expect(config.limits.routerLimits == RouterLimits.default)
        #expect(config.describe().first { $0.key == "limits.json_depth" }?.source == "default")
    }

    @Test("bad [limits] values name the key, the allowed range and the line",
          arguments: [("json_depth = 100000", "limits.json_depth must be an integer, from 8 to 1024"),
                      ("json_depth = \"512\"", "limits.json_depth must be an integer"),
                      ("pixels = 0", "limits.pixels must be a number such as 64000000 or \"64M\", from 1 to"),
                      ("response_size = \"lots\"", "limits.response_size must be a size such as \"512M\" or \"1G\""),
                      ("images_per_answer = -1", "limits.images_per_answer must be an integer, from 1 to 1000")])
    func badValues(line: String, message: String) {
        let error = configError { _ = try ConfigFile.parse("[limits]\n\(line)\n", path: "/p/limn.toml") }
        #expect(error?.message.hasPrefix(message) == true, "\(String(describing: error))")
        #expect(error?.source == .file(path: "/p/limn.toml", line: 2))
    }

    @Test func aMisspelledLimitGetsASuggestion() {
        let error = configError { _ = try ConfigFile.parse("[limits]\njson_deph = 10\n", path: "/p/limn.toml") }
        #expect(error?.kind == .unknownKey)
        #expect(error?.message.contains("did you mean 'json_depth'?") == true, "\(String(describing: error))")
    }

    @Test func theProjectFileBeatsTheUsersLimitByLimit() throws {
        let user = try ConfigFile.parse("[limits]\npixels = 1000\njson_depth = 16\n", path: "/home/config.toml")
        let project = try ConfigFile.parse("[limits]\npixels = 2000\n", path: "/p/limn.toml")
        let merged = user.overlaying(project)
        #expect(merged.limits[.pixels]?.value == 2000)
        #expect(merged.limits[.jsonDepth]?.value == 16)
    }

    @Test("a config file nesting a million levels is a syntax error, not a crash",
          arguments: ["[" + String(repeating: "a.", count: 1_000_000) + "b]\n",
                      "x = 1\n" + String(repeating: "a.", count: 1_000_000) + "b = 1\n",
                      "x = {" + String(repeating: "a.", count: 1_000_000) + "b = 1}\n",
                      "a = " + String(repeating: "[", count: 1_000_000) + String(repeating: "]", count: 1_000_000) + "\n",
                      "a = " + String(repeating: "{b=", count: 1_000_000) + String(repeating: "}", count: 1_000_000) + "\n"])
    func deepNesting(text: String) {
        let error = configError { _ = try ConfigFile.parse(text, path: "/p/limn.toml") }
        #expect(error?.kind == .syntax, "\(String(describing: error))")
    }

    @Test func dotsInsideStringsAndCommentsDoNotCount() throws {
        let dots = String(repeating: "a.", count: 100)
        let toml = """
        # \(dots)
        [providers.x]
        base_url = "https://\(dots)example/v1"
        upload_path = '\(dots)'
        [providers."\(dots)"]
        base_url = "https://example.test/v1"
        """
        _ = try ConfigFile.parse(toml, path: "/p/limn.toml")
        let multiline = try TOMLParser.parse(#"""
        a = """
        \#(dots)
        """"
        b = '''x
        \#(dots)'''
        c = "\"\#(dots)"
        """#)
        #expect(multiline.root["a"] == .string(dots + "\n\""))
        #expect(multiline.root["b"] == .string("x\n" + dots))
        #expect(multiline.root["c"] == .string("\"" + dots))
        let deep = configError { _ = try ConfigFile.parse("a = 1\n[" + String(repeating: "x.", count: 40) + "y]\n", path: "/p/limn.toml") }
        #expect(deep?.kind == .syntax)
        #expect(deep?.source == .file(path: "/p/limn.toml", line: 2))
        #expect(deep?.message.contains("more than 32 parts") == true, "\(String(describing: deep))")
    }
}

/// A transport for building clients that never send.
private struct NoTransport: Transport {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse { throw CancellationError() }
}
