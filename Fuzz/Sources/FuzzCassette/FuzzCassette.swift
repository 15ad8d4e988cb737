import Foundation
import FuzzSupport
@testable import LimnRecord

// Cassette indexes (index.jsonl): any bytes read into entries or a CassetteError; body names
// that pass the check are plain `<sha256>.<ext>` names that cannot leave the bodies folder.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCassette(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = fuzzData(start, count)
    _ = try? Cassette.entries(parsing: data, path: "index.jsonl")
    let name = String(decoding: data.prefix(200), as: UTF8.self)
    if CassetteBlob.isValidName(name) {
        require(!name.contains("/") && !name.contains("..") && !name.hasPrefix("."), "body name \(name) passed the check")
    }
    return 0
}
