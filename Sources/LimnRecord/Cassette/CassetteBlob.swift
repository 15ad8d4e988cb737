import Foundation
import LimnImage
import LimnRouter

/// A file in a cassette's `bodies/` folder, named `<sha256>.<ext>` after its bytes; text refers to
/// it with the token `@sha256:<sha256>.<ext>`.
struct CassetteBlob: Sendable, Equatable {
    /// The token prefix; a token is this followed by the file name.
    static let tokenPrefix = "@sha256:"

    /// `<sha256>.<ext>`.
    let name: String
    /// The bytes.
    let data: Data

    /// A blob named by the hash of `data`, with the extension `ext`.
    init(data: Data, extension ext: String) {
        self.data = data
        self.name = SHA256Digest.hex(data) + "." + ext
    }

    /// A blob for `data` with the extension of what it is: the image format when it sniffs as one,
    /// else `json`, `txt` or `bin`.
    init(data: Data) {
        self.init(data: data, extension: Self.fileExtension(for: data))
    }

    /// `@sha256:<name>`.
    var token: String { Self.tokenPrefix + name }

    /// The extension for a body: an image format's, else `json`, `txt` or `bin`.
    static func fileExtension(for data: Data) -> String {
        if let format = ImageFormat.sniff(data) { return format.fileExtension }
        guard String(validating: data, as: UTF8.self) != nil else { return "bin" }
        return (try? JSONValue.parse(data)) != nil ? "json" : "txt"
    }

    /// Whether `name` is a well-formed blob name (64 lowercase hex digits, a dot, a short
    /// lowercase extension): the guard against a tampered index naming `../` paths.
    static func isValidName(_ name: String) -> Bool {
        let utf8 = Array(name.utf8)
        guard utf8.count > 65, utf8.count <= 65 + 8, utf8[64] == UInt8(ascii: ".") else { return false }
        let hexOK = utf8[..<64].allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
        let extOK = utf8[65...].allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7A) }
        return hexOK && extOK
    }
}
