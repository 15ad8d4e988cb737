import Foundation
import LimnRouter
import Testing
@testable import LimnConfig

@Suite("limn.toml: [prices] and what calls cost")
struct PriceTableTests {
    let toml = """
    [prices."gpt-image-1"]
    per_image = 0.04
    sizes = { "1536x1024" = 0.06 }

    [prices."gpt-image-*"]
    per_image = 0.01

    [prices."gpt-4o*"]
    input_per_million = 2.5
    output_per_million = 10
    """

    @Test func perImagePerSizeAndPerTokenPrices() throws {
        let prices = try configuration(toml: toml).prices
        #expect(prices.cost(model: "gpt-image-1", size: nil, images: 2, tokens: TokenUsage()) == 0.08)
        #expect(prices.cost(model: "gpt-image-1", size: "1536x1024", images: 1, tokens: TokenUsage()) == 0.06)
        #expect(prices.cost(model: "gpt-image-1", size: "1024x1024", images: 1, tokens: TokenUsage()) == 0.04)
        let chat = try #require(prices.cost(model: "gpt-4o-mini", size: nil, images: 0, tokens: TokenUsage(input: 1_000_000, output: 500_000)))
        #expect(abs(chat - 7.5) < 1e-9)
        #expect(prices.cost(model: "dall-e-3", size: nil, images: 1, tokens: TokenUsage()) == nil)
    }

    @Test func anExactNameBeatsAGlob() throws {
        let prices = try configuration(toml: toml).prices
        #expect(prices.entry(for: "gpt-image-1")?.pattern == "gpt-image-1")
        #expect(prices.entry(for: "gpt-image-1-mini")?.pattern == "gpt-image-*")
        #expect(prices.cost(model: "gpt-image-1-mini", size: nil, images: 3, tokens: TokenUsage()) == 0.03)
    }

    @Test func limnConfigShowsEachPriceAndItsLine() throws {
        let lines = Dictionary(uniqueKeysWithValues: try configuration(toml: toml).describe().map { ($0.key, $0) })
        #expect(lines["prices.gpt-image-1.per_image"]?.value == "0.04")
        #expect(lines["prices.gpt-image-1.sizes.1536x1024"]?.value == "0.06")
        #expect(lines["prices.\"gpt-4o*\".output_per_million"]?.source == "/project/limn.toml:8")
    }

    @Test func theProjectFilesPriceOfAModelBeatsTheUsers() throws {
        let user = try ConfigFile.parse("[prices.m]\nper_image = 1\n[prices.n]\nper_image = 2\n", path: "/home/config.toml")
        let project = try ConfigFile.parse("[prices.m]\nper_image = 3\n", path: "/p/limn.toml")
        let merged = user.overlaying(project)
        #expect(merged.prices["m"]?.perImage == 3)
        #expect(merged.prices["n"]?.perImage == 2)
    }

    @Test("bad prices name the key and the line",
          arguments: [("per_image = -1", "prices.\"m\".per_image must be a price of 0 or more"),
                      ("per_image = \"cheap\"", "prices.\"m\".per_image must be a price of 0 or more"),
                      ("sizes = 3", "prices.\"m\".sizes must be a table"),
                      ("per_imag = 0.04", "unknown key 'per_imag' in [prices.\"m\"]; did you mean 'per_image'?")])
    func badValues(line: String, message: String) {
        let error = configError { _ = try ConfigFile.parse("[prices.m]\n\(line)\n", path: "/p/limn.toml") }
        #expect(error?.message.hasPrefix(message) == true, "\(String(describing: error))")
        #expect(error?.source == .file(path: "/p/limn.toml", line: 2))
    }

    @Test func aPriceTableMustHoldTables() {
        let error = configError { _ = try ConfigFile.parse("[prices]\nm = 0.04\n", path: "/p/limn.toml") }
        #expect(error?.kind == .wrongType)
        #expect(error?.message.contains("such as { per_image = 0.04 }") == true, "\(String(describing: error))")
    }
}
