import Foundation
import Testing
@testable import LimnImage

@Suite struct SHA256DigestTests {
    @Test func knownVectors() {
        #expect(SHA256Digest.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Digest.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        // FIPS 180-2 appendix B: two blocks, and a million "a" (15,625 blocks).
        #expect(SHA256Digest.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256Digest.hex(Data(repeating: UInt8(ascii: "a"), count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func sliceHashesItsOwnBytes() {
        let data = Data("xxabcxx".utf8)
        let slice = data[data.startIndex + 2..<data.startIndex + 5]
        #expect(SHA256Digest.hex(slice) == SHA256Digest.hex(Data("abc".utf8)))
    }

    @Test func encodedImageCarriesDigestOfItsBytes() throws {
        let image = try TestImages.encoded(.png)
        #expect(image.sha256 == SHA256Digest.hex(image.bytes))
        #expect(image.sha256.count == 64)
        #expect(try EncodedImage(validating: image.bytes).sha256 == image.sha256)
    }

    @Test func crc32KnownVector() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }
}
