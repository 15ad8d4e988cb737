import Foundation

/// A value behind a lock, shared between the server's connection tasks and the test that drives it.
// @unchecked Sendable: every access to `value` goes through `lock`, so no two threads touch it at once.
final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    /// Runs `body` with exclusive access to the value.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
