import Testing
@testable import LimnImage

@Suite struct PixelBufferColorsTests {
    @Test func averageColorWeightsByAlpha() {
        var image = PixelBuffer(width: 2, height: 2, fill: RGBA(200, 100, 0))
        image[0, 0] = .clear
        image[1, 1] = RGBA(0, 0, 255, 0)    // invisible blue adds no colour
        #expect(image.averageColor() == RGBA(200, 100, 0, 128))
        #expect(PixelBuffer(width: 3, height: 3).averageColor() == .clear)
        var halves = PixelBuffer(width: 2, height: 1, fill: .black)
        halves[1, 0] = .white
        #expect(halves.averageColor() == RGBA(128, 128, 128))
    }

    @Test func dominantColorsAreSortedFractions() {
        var image = PixelBuffer(width: 10, height: 10, fill: RGBA(250, 10, 10))   // 70 red
        for i in 0..<20 { image[i % 10, i / 10] = RGBA(10, 10, 250) }           // 20 blue
        for i in 20..<30 { image[i % 10, i / 10] = .clear }                      // 10 transparent
        let colours = image.dominantColors(count: 5)
        #expect(colours.count == 3)
        #expect(colours.map(\.0) == [RGBA(250, 10, 10), RGBA(10, 10, 250), .clear])
        #expect(colours.map(\.1) == [0.7, 0.2, 0.1])
        #expect(image.dominantColors(count: 1).map(\.0) == [RGBA(250, 10, 10)])
        #expect(image.dominantColors(count: 0).isEmpty)
    }

    @Test func nearbyShadesShareABinAndReportTheirMean() {
        var image = PixelBuffer(width: 2, height: 1, fill: RGBA(100, 100, 100))
        image[1, 0] = RGBA(102, 98, 100)
        let colours = image.dominantColors(count: 3)
        #expect(colours.count == 1)
        #expect(colours.first?.0 == RGBA(101, 99, 100) && colours.first?.1 == 1.0)
    }
}
