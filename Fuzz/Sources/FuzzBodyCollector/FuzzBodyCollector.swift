import Foundation
import FuzzSupport
import LimnRouter

// The response body collector, which decodes long base64 values while a body arrives: for any
// body cut into any chunks, the bytes it gives back (`wireBody`) are exactly the bytes received,
// and what it keeps parses as the whole body does, to an equal value or to an error alike. The
// last byte picks the chunk sizes; lifting starts at 64 characters so short inputs reach it.
private let patterns: [[Int]] = [[1], [2, 3], [7], [64], [1, 63, 5], [4096], [Int.max]]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBodyCollector(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let body = fuzzData(start, count)
    let sizes = patterns[Int(body.last ?? 0) % patterns.count]
    var collector = ResponseBodyCollector(expected: body.count, liftingFrom: 64)
    var at = 0, k = 0
    while at < body.count {
        let size = min(sizes[k % sizes.count], body.count - at)
        body[at..<at + size].withUnsafeBytes { collector.append($0) }
        at += size
        k += 1
    }
    require(collector.count == body.count, "counted \(collector.count) of \(body.count) bytes")
    let (kept, lifted) = collector.finish()
    let response = HTTPResponse(status: 200, body: kept, lifted: lifted)
    require(response.wireBody == body, "the body does not read back as received: \(preview(body))")
    for (offset, bytes) in lifted {
        require(offset + 1 < kept.count && kept[offset] == UInt8(ascii: "\"") && kept[offset + 1] == UInt8(ascii: "\""),
                "a lifted value's offset \(offset) is not at a \"\" in the kept body")
        require(!bytes.isEmpty, "an empty value was lifted")
    }
    let whole = try? JSONValue.parse(body, spansFrom: 64)
    let parts = try? JSONValue.parse(kept, spansFrom: 64, lifted: lifted)
    require((whole == nil) == (parts == nil), "the kept body and the whole body parse differently: \(preview(body))")
    if let whole, let parts { require(whole == parts, "the kept body parses to another value: \(preview(body))") }
    return 0
}
