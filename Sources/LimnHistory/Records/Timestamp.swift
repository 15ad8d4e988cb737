import Foundation

/// The one timestamp format Limn writes in manifests and exports: ISO 8601, UTC, milliseconds.
public enum Timestamp {
    /// `2026-11-21T23:42:57.123Z`.
    public static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// Parses a timestamp written by `iso8601(_:)` (fractional seconds optional).
    public static func parse(_ text: String) -> Date? {
        (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
            ?? (try? Date.ISO8601FormatStyle().parse(text))
    }
}
