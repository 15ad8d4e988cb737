import Foundation
import FuzzSupport
import LimnRouter

// Multipart bodies. Any bytes parse or fail cleanly under any boundary; and a form built from
// the input encodes and parses back to the same parts (names and file names are any text
// without '%': like a browser's, Limn's encoding writes '"', CR and LF as %22, %0D, %0A).
private let types = ["image/png", "image/jpeg", "image/webp", "application/octet-stream"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMultipart(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = fuzzData(start, count)
    var reader = FuzzReader(data)
    let boundary = String(decoding: reader.field(), as: UTF8.self)
    _ = try? MultipartForm.parse(Data(reader.rest()), contentType: "multipart/form-data; boundary=\(boundary)")
    _ = try? MultipartForm.parse(data, contentType: "multipart/form-data; boundary=\"limn-x\"")

    reader = FuzzReader(data)
    var form = MultipartForm()
    for _ in 0..<(reader.byte() % 6) {
        let flags = reader.byte()
        let name = text(reader.field())
        let filename = flags & 1 != 0 ? text(reader.field()) : nil
        let type = flags & 2 != 0 ? types[Int(flags >> 2) % types.count] : nil
        form.parts.append(.init(name: name, filename: filename, contentType: type, body: Data(reader.field())))
    }
    let boundary2 = form.stableBoundary()
    let body = form.encoded(boundary: boundary2)
    do {
        let parsed = try MultipartForm.parse(body, contentType: MultipartForm.contentType(boundary: boundary2))
        if form.parts.isEmpty {
            require(parsed.parts.isEmpty, "an empty form parsed into parts")
        } else {
            require(parsed == form, "round trip changed the form: \(form.parts.map(\.name)) → \(parsed.parts.map(\.name))")
        }
    } catch {
        require(form.parts.isEmpty, "Limn cannot parse its own encoding: \(error)")
    }
    return 0
}

private func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes.filter { $0 != UInt8(ascii: "%") }, as: UTF8.self)
}
