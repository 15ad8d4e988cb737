import Foundation
import LimnImage
import LimnRouter

/// A request's identity for record and replay: its canonical text form and the sha256 of that
/// text. Two requests match when their fingerprints are equal.
public struct RequestFingerprint: Sendable, Hashable, CustomStringConvertible {
    /// The canonical request.
    public let canonical: CanonicalRequest
    /// The canonical text, one `label: value` line per fact.
    public let text: String
    /// The lowercase hex sha256 of `text`.
    public let sha256: String

    /// The fingerprint of `request` under `canonicalizer`'s rules.
    public init(_ request: HTTPRequest, canonicalizer: RequestCanonicalizer = RequestCanonicalizer()) {
        self.init(canonicalizer.canonicalize(request))
    }

    /// The fingerprint of a canonical request.
    public init(_ canonical: CanonicalRequest) {
        self.canonical = canonical
        self.text = canonical.text
        self.sha256 = SHA256Digest.hex(Data(text.utf8))
    }

    /// Equal hashes: equal requests.
    public static func == (a: RequestFingerprint, b: RequestFingerprint) -> Bool { a.sha256 == b.sha256 }
    /// Hashes the sha256.
    public func hash(into hasher: inout Hasher) { hasher.combine(sha256) }

    /// `POST /v1/images/generations sha256:1a2b3c4d`.
    public var description: String { "\(canonical.summary) sha256:\(sha256.prefix(8))" }
}
