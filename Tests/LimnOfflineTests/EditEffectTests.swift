import LimnImage
import Testing
@testable import LimnOffline

@Suite struct EditEffectTests {
    @Test(arguments: [
        ("Convert this image to watercolor painting style", EditEffect.watercolor),
        ("a watercolour wash please", .watercolor),
        ("make it black and white", .grayscale),
        ("Greyscale", .grayscale),
        ("monochrome", .grayscale),
        ("give it a sepia tone", .sepia),
        ("invert the colours", .invert),
        ("photo negative", .invert),
        ("turn it into pixel art", .pixelate),
        ("mosaic", .pixelate),
        ("a pencil sketch of this", .sketch),
        ("make it a drawing", .sketch),
        ("blur the background", .blur),
        ("make it brighter", .brighten),
        ("a bit darker", .darken),
        ("add a hat to the cat", .stylize),
    ])
    func promptsChooseEffects(prompt: String, effect: EditEffect) {
        #expect(EditEffect(prompt: prompt) == effect)
    }

    @Test func unknownPromptsAreNotRecognized() {
        #expect(EditEffect.recognized(in: "add a hat") == nil)
        #expect(EditEffect.recognized(in: "white background") == nil)
    }

    @Test(arguments: EditEffect.allCases)
    func everyEffectChangesPixelsAndKeepsAlpha(effect: EditEffect) {
        let input = Offline.sample()
        let output = effect.apply(to: input, seed: 1)
        #expect(output.width == input.width && output.height == input.height)
        #expect(Offline.differingPixels(input, output) > input.width * input.height / 4)
        for i in stride(from: 3, to: input.pixels.count, by: 4) where input.pixels[i] != output.pixels[i] {
            Issue.record("alpha changed at byte \(i)")
            break
        }
    }

    @Test func grayscaleIsNeutral() {
        let p = EditEffect.grayscale.apply(to: Offline.sample()).pixels
        var tinted = 0
        for i in stride(from: 0, to: p.count, by: 4) where p[i] != p[i + 1] || p[i + 1] != p[i + 2] { tinted += 1 }
        #expect(tinted == 0)
    }

    @Test func invertTwiceIsIdentity() {
        let input = Offline.sample()
        #expect(EditEffect.invert.apply(to: EditEffect.invert.apply(to: input)) == input)
        #expect(EditEffect.invert.apply(to: input)[0, 0].r == 255 - input[0, 0].r)
    }

    @Test func sepiaIsWarm() {
        let p = EditEffect.sepia.apply(to: Offline.sample()).pixels
        var cold = 0
        for i in stride(from: 0, to: p.count, by: 4) where p[i] < p[i + 1] || p[i + 1] < p[i + 2] { cold += 1 }
        #expect(cold == 0)
    }

    @Test func pixelateMakesFlatBlocks() {
        let input = Offline.sample(width: 192, height: 192)
        let output = EditEffect.pixelate.apply(to: input)   // blocks of 192/48 = 4 pixels
        var uneven = 0
        for by in stride(from: 0, to: 192, by: 4) {
            for bx in stride(from: 0, to: 192, by: 4) {
                let corner = output[bx, by]
                if output[bx + 3, by + 3] != corner || output[bx + 1, by + 2] != corner { uneven += 1 }
            }
        }
        #expect(uneven == 0)
        #expect(output != input)
    }

    @Test func sketchIsGrayAndMostlyLight() {
        let output = EditEffect.sketch.apply(to: SceneRenderer.render(prompt: "a blue star on yellow", width: 128, height: 128))
        let light = stride(from: 0, to: output.pixels.count, by: 4).filter { output.pixels[$0] > 200 }.count
        #expect(light > 128 * 128 / 2)
        #expect(output[0, 0].r == output[0, 0].g && output[64, 64].g == output[64, 64].b)
    }

    @Test func watercolorSoftensFlattensAndTexturesTheImage() {
        let input = Offline.sample(width: 160, height: 120)
        let output = EditEffect.watercolor.apply(to: input, seed: 3)
        // Paper texture: a flat white image comes back textured and off-white, not flat.
        let white = PixelBuffer(width: 64, height: 64, fill: .white)
        let paper = EditEffect.watercolor.apply(to: white, seed: 3)
        #expect(Set(paper.pixels.enumerated().filter { $0.offset % 4 == 0 }.map(\.element)).count > 8)
        #expect(output != input)
        #expect(output == EditEffect.watercolor.apply(to: input, seed: 3))
        #expect(output != EditEffect.watercolor.apply(to: input, seed: 4))
    }
}
