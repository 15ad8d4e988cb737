/// An API key that never prints: `description` is masked (`sk-…xyz4`), dumps and mirrors show
/// `<redacted>`, and the only way to the value is the explicitly named `revealedValue`.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    /// Wraps a key.
    public init(_ value: String) { self.value = value }

    /// The key itself, for the one place that needs it: the request header.
    public var revealedValue: String { value }

    /// Whether the key is empty (an unset variable, say).
    public var isEmpty: Bool { value.isEmpty }

    /// The key masked: the first three and last four characters of a long key (`sk-…xyz4`), and
    /// nothing of a short one (`…`), which would give too much away.
    public var masked: String {
        guard value.count >= 16 else { return "…" }
        return String(value.prefix(3)) + "…" + String(value.suffix(4))
    }

    /// The masked form.
    public var description: String { masked }
    /// The masked form.
    public var debugDescription: String { "Secret(\(masked))" }
    /// A mirror with no value in it, so `dump` and reflection print `<redacted>`.
    public var customMirror: Mirror { Mirror(self, children: ["value": "<redacted>"], displayStyle: .struct) }
}
