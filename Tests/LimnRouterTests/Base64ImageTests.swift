import CFastBytes
import Foundation
import Testing
@testable import LimnRouter

/// Each test runs with the AVX2 paths and with the portable C alone (both give the same answers,
/// so other suites running meanwhile are unaffected by the switch).
@Suite("Base64 and JSON scan: the fast byte loops", .serialized)
struct Base64ImageTests {
    /// Bytes from a fixed-seed generator, so a failure names a reproducible case.
    static func bytes(_ count: Int, seed: UInt64) -> Data {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        return Data((0..<count).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        })
    }

    static func decode(_ text: some Collection<UInt8>) -> Data? {
        let copy = Array(text)
        return copy.withUnsafeBytes { Base64Image.strict($0) }
    }

    @Test(arguments: [true, false]) func agreesWithFoundationOnEveryLengthAndPadding(vectors: Bool) {
        limn_fastbytes_use_vectors(vectors ? 1 : 0)
        defer { limn_fastbytes_use_vectors(1) }
        // Lengths around the 32-character vector blocks and their 64-character guard.
        for count in Array(0...200) + [1000, 4095, 4096, 4097, 100_001] {
            let data = Self.bytes(count, seed: UInt64(count))
            let text = data.base64EncodedString()
            #expect(Self.decode(text.utf8) == (count == 0 ? nil : data), "length \(count)")
        }
    }

    @Test(arguments: [true, false]) func everyAlphabetCharacterInEveryVectorPosition(vectors: Bool) {
        limn_fastbytes_use_vectors(vectors ? 1 : 0)
        defer { limn_fastbytes_use_vectors(1) }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for shift in 0..<64 {
            let text = (0..<256).map { alphabet[($0 + shift) % 64] }
            #expect(Self.decode(text) == Data(base64Encoded: Data(text)), "shift \(shift)")
        }
    }

    @Test(arguments: [true, false]) func anyOtherByteAnywhereIsRejected(vectors: Bool) {
        limn_fastbytes_use_vectors(vectors ? 1 : 0)
        defer { limn_fastbytes_use_vectors(1) }
        let text = Array(Self.bytes(3 * 100, seed: 7).base64EncodedString().utf8)  // 400 characters, no padding
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        let others = (0...255).map(UInt8.init).filter { !alphabet.contains($0) }
        for position in [0, 1, 31, 32, 33, 63, 64, 200, 335, 336, 367, 396, 397, 398, 399] {
            for bad in others {
                var broken = text
                broken[position] = bad
                // '=' is only allowed as padding in the last two positions.
                let allowed = bad == UInt8(ascii: "=") && (position == 399 || position == 398)
                if allowed { continue }
                #expect(Self.decode(broken) == nil, "byte \(bad) at \(position)")
            }
        }
    }

    @Test(arguments: [true, false]) func paddingAndLengthRules(vectors: Bool) {
        limn_fastbytes_use_vectors(vectors ? 1 : 0)
        defer { limn_fastbytes_use_vectors(1) }
        #expect(Self.decode("QQ==".utf8) == Data("A".utf8))
        #expect(Self.decode("QUI=".utf8) == Data("AB".utf8))
        #expect(Self.decode("QUJD".utf8) == Data("ABC".utf8))
        #expect(Self.decode("QQ=".utf8) == nil)
        #expect(Self.decode("QQ".utf8) == nil)
        #expect(Self.decode("Q===".utf8) == nil)
        #expect(Self.decode("QQ=A".utf8) == nil)
        #expect(Self.decode("QQ==QUJD".utf8) == nil)
        #expect(Self.decode("".utf8) == nil)
        #expect(Self.decode("QUJD\n".utf8) == nil)
    }

    @Test(arguments: [true, false]) func plainASCIIScanStopsWhereTheNaiveLoopDoes(vectors: Bool) {
        limn_fastbytes_use_vectors(vectors ? 1 : 0)
        defer { limn_fastbytes_use_vectors(1) }
        let plain = Array(Self.bytes(300, seed: 3).base64EncodedString().utf8)
        for stop: UInt8 in [0x22, 0x5C, 0x00, 0x1F, 0x80, 0xC3, 0xFF] {
            for position in 0..<plain.count {
                var text = plain
                text[position] = stop
                for from in [0, 1, 5, position] where from <= position {
                    let end = text.withUnsafeBufferPointer { limn_json_plain_ascii_end($0.baseAddress, from, $0.count) }
                    #expect(end == position, "stop \(stop) at \(position) from \(from)")
                }
            }
        }
        let end = plain.withUnsafeBufferPointer { limn_json_plain_ascii_end($0.baseAddress, 3, $0.count) }
        #expect(end == plain.count)
    }
}
