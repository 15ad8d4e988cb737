import Foundation
import LimnImage
import LimnRouter

/// The last line of defence before anything is written to history or a manifest: removes
/// members whose names say they hold credentials, redacts key-like strings, and shortens
/// inline image data to a digest.
///
/// Sent parameters are key-free by construction; this guards against an `extra=` table or an
/// argument that carries one anyway.
public enum SecretScrubber {
    /// What a redacted string becomes.
    public static let redacted = "[redacted]"

    /// Strings longer than this that are data URIs or bare base64 are replaced by a summary.
    public static let inlineDataLimit = 1024

    /// Member names (lowercased, `-` and `_` removed) that are dropped wherever they appear.
    static let credentialNames: Set<String> = [
        "authorization", "proxyauthorization", "apikey", "key", "xapikey", "xgoogapikey",
        "accesstoken", "secret", "clientsecret", "password", "token", "bearer",
    ]

    /// `value` with credential members removed and key-like strings redacted.
    public static func scrub(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object): return .object(scrub(object))
        case .array(let items): return .array(items.map(scrub))
        case .string(let text): return .string(scrub(text))
        case .span(let span):
            let text = span.string
            let clean = scrub(text)
            return clean == text ? value : .string(clean)
        default: return value
        }
    }

    /// `object` with credential members removed and key-like strings redacted, recursively.
    public static func scrub(_ object: JSONObject) -> JSONObject {
        var out = JSONObject()
        for (key, value) in object.entries where !isCredentialName(key) {
            out[key] = scrub(value)
        }
        return out
    }

    /// `text` with inline image data summarized and key-like tokens redacted.
    public static func scrub(_ text: String) -> String {
        if text.utf8.count > inlineDataLimit, let summary = inlineDataSummary(text) { return summary }
        return redactTokens(in: text)
    }

    /// Whether a member name says it holds a credential (`Authorization`, `api_key`, `x-api-key`, …).
    public static func isCredentialName(_ name: String) -> Bool {
        let folded = name.lowercased().filter { $0 != "-" && $0 != "_" }
        return credentialNames.contains(folded)
    }

    /// Replaces `sk-…` style keys and `Bearer …` tokens with `[redacted]`.
    static func redactTokens(in text: String) -> String {
        guard text.contains("sk-") || text.contains("Bearer ") || text.contains("bearer ") || text.contains("AIza") else {
            return text
        }
        var result = text
        result.replace(/(?i:bearer)\s+[A-Za-z0-9._~+\/=\-]{8,}/, with: redacted)
        result.replace(/sk-[A-Za-z0-9_\-]{12,}/, with: redacted)
        result.replace(/AIza[A-Za-z0-9_\-]{30,}/, with: redacted)
        return result
    }

    /// `<image/png base64: 123456 bytes, sha256:…>` for a data URI or bare base64 payload;
    /// nil for anything else (a long prompt stays as it is).
    static func inlineDataSummary(_ text: String) -> String? {
        var mime = "data"
        var payload = Substring(text)
        if text.hasPrefix("data:"), let comma = text.firstIndex(of: ",") {
            let header = text[text.index(text.startIndex, offsetBy: 5)..<comma]
            guard header.hasSuffix(";base64") else { return nil }
            mime = String(header.dropLast(7))
            payload = text[text.index(after: comma)...]
        }
        guard payload.utf8.allSatisfy(isBase64Byte), let bytes = Data(base64Encoded: String(payload)) else { return nil }
        return "<\(mime) base64: \(bytes.count) bytes, sha256:\(SHA256Digest.hex(bytes))>"
    }

    private static func isBase64Byte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }
}
