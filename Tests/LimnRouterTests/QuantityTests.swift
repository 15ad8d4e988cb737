import Testing
@testable import LimnRouter

@Suite struct QuantityTests {
    @Test func sizes() {
        #expect(Quantity.bytes("512M") == 512 << 20)
        #expect(Quantity.bytes("512mb") == 512 << 20)
        #expect(Quantity.bytes("1.5G") == 3 << 29)
        #expect(Quantity.bytes("64K") == 64 << 10)
        #expect(Quantity.bytes("2MiB") == 2 << 20)
        #expect(Quantity.bytes("1048576") == 1 << 20)
        #expect(Quantity.bytes("900B") == 900)
        #expect(Quantity.bytes("-1M") == nil)
        #expect(Quantity.bytes("+1M") == nil)
        #expect(Quantity.bytes("M") == nil)
        #expect(Quantity.bytes("12Q") == nil)
        #expect(Quantity.bytes("1e300G") == nil)
        #expect(Quantity.bytes("nan") == nil)
    }

    @Test func durations() {
        #expect(Quantity.duration("30s") == .seconds(30))
        #expect(Quantity.duration("250ms") == .milliseconds(250))
        #expect(Quantity.duration("2m") == .seconds(120))
        #expect(Quantity.duration("1.5h") == .seconds(5400))
        #expect(Quantity.duration("7d") == .seconds(7 * 86_400))
        #expect(Quantity.duration("45") == .seconds(45))
        #expect(Quantity.duration("-3s") == nil)
        #expect(Quantity.duration("soon") == nil)
        #expect(Quantity.duration("inf") == nil)
    }

    @Test func descriptions() {
        #expect(Quantity.describe(bytes: 512 << 20) == "512 MB")
        #expect(Quantity.describe(bytes: 3 << 29) == "1.5 GB")
        #expect(Quantity.describe(bytes: 900) == "900 B")
        #expect(Quantity.describe(.seconds(30)) == "30 s")
        #expect(Quantity.describe(.milliseconds(250)) == "250 ms")
        #expect(Quantity.describe(.milliseconds(2500)) == "2.5 s")
    }
}
