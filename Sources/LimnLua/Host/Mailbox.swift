import Foundation

/// Where finished operations land for the Lua thread to pick up.
///
/// `@unchecked Sendable`: every stored property is read and written only while
/// `condition` is locked; the Lua thread blocks on it, request tasks post to it.
final class Mailbox<Message: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [Message] = []

    /// Adds a message and wakes the Lua thread.
    func post(_ message: Message) {
        condition.lock()
        queue.append(message)
        condition.signal()
        condition.unlock()
    }

    /// Takes every waiting message, blocking until at least one arrives or `deadline` passes.
    func take(until deadline: ContinuousClock.Instant?) -> [Message] {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty {
            if let deadline {
                let remaining = ContinuousClock.now.duration(to: deadline)
                if remaining <= .zero { return [] }
                let seconds = Double(remaining.components.seconds) + Double(remaining.components.attoseconds) * 1e-18
                _ = condition.wait(until: Date(timeIntervalSinceNow: seconds))
            } else {
                condition.wait()
            }
        }
        defer { queue.removeAll(keepingCapacity: true) }
        return queue
    }
}
