import Foundation
import FuzzSupport
@testable import LimnConfig

// limn.toml: any text parses into settings or a ConfigError naming a line; the sandbox check
// of a project file runs on whatever parsed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = fuzzData(start, count)
    guard let text = String(data: data, encoding: .utf8) else { return 0 }
    do {
        let file = try ConfigFile.parse(text, path: "limn.toml")
        _ = try? file.checkSandboxed()
    } catch {
        if case .file(_, let line?) = error.source {
            // Lines counted as LF bytes: "\r\n" is one Character, so splitting Characters miscounts.
            require(line >= 1 && line <= text.utf8.count { $0 == 0x0A } + 2,
                    "error names line \(line) of a \(text.count)-character file")
        }
    }
    return 0
}
