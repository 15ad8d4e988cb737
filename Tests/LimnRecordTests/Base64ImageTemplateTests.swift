import Foundation
import LimnImage
import Testing
@testable import LimnRecord

@Suite("Base64 image templates")
struct Base64ImageTemplateTests {
    @Test("images are swapped for tokens and expanded back exactly; other base64 is left alone")
    func extractAndExpand() throws {
        let image = Samples.noisePNG(side: 30)
        let notImage = Data((0..<600).map { UInt8(truncatingIfNeeded: $0 &* 31) }).base64EncodedString()
        let body = Data(#"{"a":"\#(image.base64EncodedString())","b":"\#(notImage)","c":"data:image/png;base64,\#(image.base64EncodedString())"}"#.utf8)

        let template = try #require(Base64ImageTemplate.extract(from: body))
        #expect(template.images.map(\.data) == [image])
        let text = String(decoding: template.template, as: UTF8.self)
        let token = "@sha256:\(SHA256Digest.hex(image)).png"
        #expect(text == #"{"a":"\#(token)","b":"\#(notImage)","c":"data:image/png;base64,\#(token)"}"#)
        #expect(try Base64ImageTemplate.expand(template.template, images: [template.images[0].name: image]) == body)
    }

    @Test("a token whose image is not listed is an error, not a silent hole")
    func unknownTokenFails() {
        let token = "@sha256:" + String(repeating: "ab", count: 32) + ".png"
        #expect(throws: CassetteError.self) { try Base64ImageTemplate.expand(Data("x\(token)y".utf8), images: [:]) }
    }

    @Test("bodies without an exact base64 image give no template")
    func nothingToSwap() {
        #expect(Base64ImageTemplate.extract(from: Data(String(repeating: "plain text ", count: 100).utf8)) == nil)
        let wrapped = Samples.noisePNG(side: 30).base64EncodedString(options: .lineLength76Characters)
        #expect(Base64ImageTemplate.extract(from: Data(wrapped.utf8)) == nil)
    }
}
