import Foundation
import LimnImage
import LimnRouter
import Testing
@testable import LimnRecord

@Suite("Concurrent recording")
struct ConcurrentRecordingTests {
    @Test("20 concurrent requests give a valid index with 20 entries that replay concurrently")
    func twentyConcurrentRequests() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cassette = Cassette(folder: folder.url)
        let fake = FakeTransport { request, n in
            try await Task.sleep(for: .milliseconds((n * 7) % 23))
            let prompt = try JSONValue.parse(request.body)["prompt"]?.stringValue ?? ""
            return Samples.b64Response(Samples.noisePNG(side: 16, seed: UInt64(prompt.count)), revisedPrompt: prompt)
        }
        let recorder = RecordingTransport(wrapping: fake, cassette: cassette)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<20 {
                group.addTask { _ = try await recorder.send(Samples.generation(prompt: "prompt " + String(repeating: "x", count: i))) }
            }
            try await group.waitForAll()
        }

        let lines = try String(contentsOf: cassette.indexURL, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 22)  // header, 20 entries, and the empty string after the last newline
        for line in lines.dropFirst().dropLast() { #expect(throws: Never.self) { try JSONValue.parse(String(line)) } }
        let entries = try cassette.entries()
        #expect(entries.count == 20)
        #expect(Set(entries.map(\.fingerprint.sha256)).count == 20)

        let replay = try ReplayTransport(cassette: cassette)
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<20 {
                group.addTask {
                    let prompt = "prompt " + String(repeating: "x", count: i)
                    let response = try await replay.send(Samples.generation(prompt: prompt))
                    return response.body == Samples.b64Response(Samples.noisePNG(side: 16, seed: UInt64(prompt.count)), revisedPrompt: prompt).body
                }
            }
            for try await matched in group { #expect(matched) }
        }
    }

    @Test("concurrent identical requests are numbered in the order they were sent, whatever order they finish in")
    func identicalConcurrentRequestsNumbered() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cassette = Cassette(folder: folder.url)
        // The first request sent is held until the second has been answered and recorded.
        let gate = Gate()
        let fake = FakeTransport { _, n in
            if n == 1 { await gate.wait() }
            return Samples.text("answer \(n)")
        }
        let recorder = RecordingTransport(wrapping: fake, cassette: cassette)
        let first = Task { try await recorder.send(Samples.generation(prompt: "same")) }
        while await fake.callCount < 1 { await Task.yield() }
        _ = try await recorder.send(Samples.generation(prompt: "same"))
        await gate.open()
        _ = try await first.value

        let entries = try cassette.entries()
        #expect(entries.map(\.occurrence) == [2, 1])
        let replay = try ReplayTransport(cassette: cassette)
        #expect(try await replay.send(Samples.generation(prompt: "same")).body == Data("answer 1".utf8))
        #expect(try await replay.send(Samples.generation(prompt: "same")).body == Data("answer 2".utf8))
    }
}

/// Holds callers of `wait()` until `open()`.
actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        guard !isOpen else { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }
}
