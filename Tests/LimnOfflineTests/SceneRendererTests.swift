import LimnImage
import Testing
@testable import LimnOffline

@Suite struct SceneRendererTests {
    @Test(arguments: [(1024, 1024), (640, 360), (101, 99)])
    func redSquareIsCentredOnWhite(width: Int, height: Int) {
        let image = SceneRenderer.render(prompt: "a red square on a white background", width: width, height: height)
        #expect(image.width == width && image.height == height)
        #expect(image[width / 2, height / 2] == RGBA(255, 0, 0))
        for (x, y) in [(0, 0), (width - 1, 0), (0, height - 1), (width - 1, height - 1)] {
            #expect(image[x, y] == .white)
        }
        // The square is half the shorter side: a quarter of the way in from the centre is still red,
        // and the same distance beyond the edge is white again.
        let side = min(width, height) / 2
        #expect(image[width / 2 + side / 2 - 2, height / 2] == RGBA(255, 0, 0))
        #expect(image[width / 2 + side / 2 + 2, height / 2] == .white)
    }

    @Test func blueCircleOnBlack() {
        let image = SceneRenderer.render(prompt: "a blue circle on black", width: 400, height: 400)
        #expect(image[200, 200] == RGBA(0, 0, 255))
        #expect(image[0, 0] == .black)
        // Radius 100: inside along the axis, outside along the diagonal at the same box corner.
        #expect(image[295, 200] == RGBA(0, 0, 255))
        #expect(image[290, 290] == .black)
    }

    @Test func sameInputsSamePixelsAndDifferentPromptsDiffer() {
        let a = SceneRenderer.render(prompt: "a cat under moonlight", width: 128, height: 96)
        let b = SceneRenderer.render(prompt: "a cat under moonlight", width: 128, height: 96)
        let c = SceneRenderer.render(prompt: "a dog under moonlight", width: 128, height: 96)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func theIndexVariesTheImageButKeepsTheSubject() {
        let first = SceneRenderer.render(prompt: "a red square on a white background", width: 256, height: 256, index: 0)
        let second = SceneRenderer.render(prompt: "a red square on a white background", width: 256, height: 256, index: 1)
        #expect(first != second)
        #expect(second[128, 128] == RGBA(255, 0, 0))
        #expect(second[0, 0] == .white)
    }

    @Test func transparentBackground() {
        let image = SceneRenderer.render(prompt: "a green star", width: 200, height: 200, transparent: true)
        #expect(image[0, 0].a == 0)
        #expect(image[100, 100] == RGBA(0, 128, 0))
        let pattern = SceneRenderer.render(prompt: "dreamy clouds", width: 200, height: 200, transparent: true)
        #expect(pattern.pixels.enumerated().contains { $0.offset % 4 == 3 && $0.element < 255 })
    }

    @Test func noiseIsOpaqueUniformAndSeededByThePrompt() {
        let seven = SceneRenderer.render(prompt: "random noise 7", width: 256, height: 256)
        let eight = SceneRenderer.render(prompt: "random noise 8", width: 256, height: 256)
        #expect(seven == SceneRenderer.render(prompt: "random noise 7", width: 256, height: 256))
        #expect(seven != eight)
        var histogram = [Int](repeating: 0, count: 256)
        var translucent = 0
        for (i, byte) in seven.pixels.enumerated() {
            if i % 4 == 3 { translucent += byte == 255 ? 0 : 1 } else { histogram[Int(byte)] += 1 }
        }
        #expect(translucent == 0)
        // 196,608 colour bytes over 256 values: every value appears, none more than twice its share.
        #expect(histogram.min() ?? 0 > 0)
        #expect(histogram.max() ?? .max < 2 * 768)
    }

    @Test func patternsUseThePromptsColours() {
        let image = SceneRenderer.render(prompt: "a quiet green meadow", width: 160, height: 160)
        let greenish = ColorNamer.breakdown(image).filter { $0.name.contains("green") }.map(\.share).reduce(0, +)
        #expect(greenish > 0.5)
        let other = SceneRenderer.render(prompt: "a quiet blue lake", width: 160, height: 160)
        let blueish = ColorNamer.breakdown(other).filter { $0.name.contains("blue") }.map(\.share).reduce(0, +)
        #expect(blueish > 0.5)
    }
}
