/// Why a body is not JSON: truncated (the bytes ran out), invalid (a wrong byte) or nested too
/// deeply, and where.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The two ways a parse fails.
    public enum Kind: String, Sendable {
        /// The input ended before the value was complete (a cut-off download, a closed stream).
        case truncated
        /// A byte that JSON does not allow where it stands.
        case invalid
        /// Arrays and objects nested past the parser's depth limit (checked before recursing, so
        /// no input can exhaust the stack).
        case tooDeep = "too_deep"
    }
    /// Truncated or invalid.
    public var kind: Kind
    /// The byte offset: where the input ends (truncated) or the offending byte (invalid).
    public var offset: Int
    /// What was expected or found, without the offset.
    public var detail: String

    /// A parse error.
    public init(_ kind: Kind, at offset: Int, _ detail: String) {
        self.kind = kind
        self.offset = offset
        self.detail = detail
    }

    /// One line, e.g. `truncated JSON (ends at byte 812): inside a string that starts at byte 40`.
    public var description: String {
        switch kind {
        case .truncated: "truncated JSON (ends at byte \(offset)): \(detail)"
        case .invalid: "invalid JSON at byte \(offset): \(detail)"
        case .tooDeep: "JSON too deep at byte \(offset): \(detail)"
        }
    }
}
