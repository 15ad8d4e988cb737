import Testing
@testable import LimnImage

@Suite struct PixelBufferResizeTests {
    @Test func downscalingAveragesEveryPixel() {
        // A 1-pixel checkerboard averages to mid grey under a box filter (nearest-neighbour would not).
        var board = PixelBuffer(width: 8, height: 8)
        for y in 0..<8 { for x in 0..<8 { board[x, y] = (x + y) % 2 == 0 ? .black : .white } }
        let small = board.resized(width: 2, height: 2)
        #expect(small.width == 2 && small.height == 2)
        for y in 0..<2 { for x in 0..<2 { #expect(abs(Int(small[x, y].r) - 128) <= 1 && small[x, y].a == 255) } }
    }

    @Test func nonIntegerDownscaleKeepsUniformColour() {
        let colour = RGBA(10, 200, 90)
        let resized = PixelBuffer(width: 7, height: 5, fill: colour).resized(width: 3, height: 2)
        #expect(resized.pixels == PixelBuffer(width: 3, height: 2, fill: colour).pixels)
    }

    @Test func upscalingInterpolates() {
        var two = PixelBuffer(width: 2, height: 1)
        two[0, 0] = .black; two[1, 0] = .white
        let wide = two.resized(width: 8, height: 1)
        let reds = (0..<8).map { Int(wide[$0, 0].r) }
        #expect(reds.first == 0 && reds.last == 255)
        #expect(reds == reds.sorted() && Set(reds).count > 3)
        #expect(two.resized(width: 2, height: 3)[1, 2] == .white)
    }

    @Test func transparentPixelsDoNotBleed() {
        var image = PixelBuffer(width: 2, height: 1)
        image[0, 0] = RGBA(255, 0, 0, 255)
        image[1, 0] = RGBA(0, 255, 0, 0)   // invisible green
        let one = image.resized(width: 1, height: 1)
        #expect(one[0, 0] == RGBA(255, 0, 0, 128))
    }

    @Test func sameSizeIsUnchanged() {
        let image = TestImages.gradient(width: 5, height: 4, alpha: true)
        #expect(image.resized(width: 5, height: 4) == image)
    }
}
