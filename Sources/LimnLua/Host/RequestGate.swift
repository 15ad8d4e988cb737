/// The run-wide cap on requests in flight, with first-come-first-served queuing.
actor RequestGate {
    private let limit: Int
    private var inUse = 0
    private var waiters: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextWaiter = 0

    /// A gate letting `limit` requests through at once (at least one).
    init(limit: Int) { self.limit = max(1, limit) }

    /// Waits for a place; throws `CancellationError` if the task is cancelled while queued.
    func acquire() async throws {
        if inUse < limit && waiters.isEmpty {
            inUse += 1
            return
        }
        let id = nextWaiter
        nextWaiter += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                waiters.append((id, c))
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    /// Requests queued for a place (for tests).
    var queued: Int { waiters.count }

    /// Gives a place back, handing it to the longest waiter.
    func release() {
        if waiters.isEmpty {
            inUse -= 1
        } else {
            waiters.removeFirst().continuation.resume()
        }
    }

    private func cancelWaiter(_ id: Int) {
        guard let i = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: i).continuation.resume(throwing: CancellationError())
    }
}
