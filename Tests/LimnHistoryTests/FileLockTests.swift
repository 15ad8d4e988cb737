import Foundation
import Testing
@testable import LimnHistory

@Suite struct FileLockTests {
    /// What keeps two processes from migrating a fresh home at once: a second lock waits for the first.
    @Test func aSecondLockWaitsForTheFirstToBeReleased() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("history.lock").path
        let acquired = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)

        Thread {
            do {
                let lock = try FileLock(path: path)
                acquired.signal()
                Thread.sleep(forTimeInterval: 0.4)
                _ = consume lock
            } catch {
                acquired.signal()
            }
            released.signal()
        }.start()
        acquired.wait()
        let clock = ContinuousClock()
        let begin = clock.now
        let second = try FileLock(path: path)
        let waited = clock.now - begin
        _ = consume second
        released.wait()

        #expect(waited > .milliseconds(250))
    }
}
