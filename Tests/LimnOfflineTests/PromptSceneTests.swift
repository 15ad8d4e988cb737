import LimnImage
import Testing
@testable import LimnOffline

@Suite struct PromptSceneTests {
    @Test func redSquareOnWhite() {
        let scene = PromptScene(prompt: "a red square on a white background")
        #expect(scene.shapes.map(\.kind) == [.square])
        #expect(scene.shapes.first?.colors == [RGBA(255, 0, 0)])
        #expect(scene.background == .white)
        #expect(!scene.isNoise)
    }

    @Test func backgroundWithoutTheWordBackground() {
        let scene = PromptScene(prompt: "A blue circle on black")
        #expect(scene.shapes.first?.kind == .circle)
        #expect(scene.shapes.first?.colors == [RGBA(0, 0, 255)])
        #expect(scene.background == .black)
    }

    @Test func backgroundNamedFirst() {
        let scene = PromptScene(prompt: "Yellow background with a green triangle")
        #expect(scene.background == RGBA(255, 255, 0))
        #expect(scene.shapes.first?.kind == .triangle)
        #expect(scene.shapes.first?.colors == [RGBA(0, 128, 0)])
    }

    @Test func countsSizesAndColourAfterTheShape() {
        let scene = PromptScene(prompt: "three big stars in gold and a small oval")
        #expect(scene.shapes.count == 2)
        #expect(scene.shapes[0].kind == .star && scene.shapes[0].count == 3 && scene.shapes[0].scale == 0.72)
        #expect(scene.shapes[0].colors == [RGBA(255, 215, 0)])
        #expect(scene.shapes[1].kind == .ellipse && scene.shapes[1].count == 1 && scene.shapes[1].scale == 0.3)
    }

    @Test func modifiersAndTwoWordColours() {
        #expect(PromptScene(prompt: "a light blue square").shapes.first?.colors == [ColorWords.mix(RGBA(0, 0, 255), .white, 0.45)])
        #expect(PromptScene(prompt: "a navy blue circle").shapes.first?.colors == [RGBA(0, 0, 128)])
        #expect(PromptScene(prompt: "a hot pink star").shapes.first?.colors == [RGBA(255, 105, 180)])
    }

    @Test func noiseAndPatterns() {
        #expect(PromptScene(prompt: "random noise 7").isNoise)
        let sunset = PromptScene(prompt: "a sunset in orange and purple")
        #expect(!sunset.isNoise && sunset.shapes.isEmpty)
        #expect(sunset.palette == [RGBA(255, 165, 0), RGBA(128, 0, 128)])
    }

    @Test func stripesTakeEveryColourBeforeThem() {
        let scene = PromptScene(prompt: "horizontal red and white stripes")
        #expect(scene.shapes.first?.kind == .stripes)
        #expect(scene.shapes.first?.colors == [RGBA(255, 0, 0), .white])
        #expect(scene.orientation == .horizontal)
    }
}
