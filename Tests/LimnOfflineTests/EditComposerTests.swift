import LimnImage
import Testing
@testable import LimnOffline

@Suite struct EditComposerTests {
    /// A mask that is opaque on the left half and transparent (editable) on the right half.
    static func halfMask(width: Int, height: Int) -> PixelBuffer {
        var mask = PixelBuffer(width: width, height: height, fill: RGBA(0, 0, 0, 255))
        for y in 0..<height { for x in (width / 2)..<width { mask[x, y] = .clear } }
        return mask
    }

    @Test func maskProtectsOpaquePixelsExactly() throws {
        let input = Offline.sample(width: 80, height: 60)
        let output = try #require(EditComposer.edit([input], mask: Self.halfMask(width: 80, height: 60), effect: .invert))
        var changedKept = 0, keptEdited = 0
        for y in 0..<60 {
            for x in 0..<40 where output[x, y] != input[x, y] { changedKept += 1 }
            for x in 40..<80 where output[x, y].r != 255 - input[x, y].r { keptEdited += 1 }
        }
        #expect(changedKept == 0)
        #expect(keptEdited == 0)
    }

    @Test func aMaskOfAnotherSizeIsScaled() throws {
        let input = Offline.sample(width: 80, height: 60)
        let output = try #require(EditComposer.edit([input], mask: Self.halfMask(width: 20, height: 10), effect: .grayscale))
        #expect(output[10, 30] == input[10, 30])
        #expect(output[70, 30].r == output[70, 30].g && output[70, 30] != input[70, 30])
    }

    @Test func severalInputsAreTiledSideBySide() throws {
        let red = PixelBuffer(width: 30, height: 30, fill: RGBA(255, 0, 0))
        let blue = PixelBuffer(width: 50, height: 20, fill: RGBA(0, 0, 255))
        let output = try #require(EditComposer.edit([red, blue], effect: .brighten, size: (100, 40)))
        #expect(output.width == 100 && output.height == 40)
        #expect(output[10, 20].r == 255 && output[10, 20].b == 76)     // brightened red on the left
        #expect(output[90, 20].b == 255 && output[90, 20].r == 76)     // brightened blue on the right
    }

    @Test func outputTakesTheFirstImagesSizeByDefault() throws {
        let output = try #require(EditComposer.edit([Offline.sample(width: 33, height: 21), Offline.sample(width: 64, height: 64)],
                                                    effect: .sepia))
        #expect(output.width == 33 && output.height == 21)
        #expect(EditComposer.edit([], effect: .sepia) == nil)
    }
}
