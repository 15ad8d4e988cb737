import Foundation
import LimnHTTP
import LimnRouter
import Testing

@Suite("limn-fake-router executable")
struct FakeRouterProcessTests {
    /// The executable built beside the test bundle.
    static var executable: URL? {
        var directory = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("limn-fake-router")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    @Test("prints its base URL first, serves the options it was given, and exits 0 on SIGTERM")
    func runsAndStops() async throws {
        let executable = try #require(Self.executable, "limn-fake-router was not built next to the tests")
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--image-size", "20x10", "--format", "jpeg", "--latency-ms", "200"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let line = try await Task.detached { () -> String in
            var bytes = Data()
            while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
                bytes.append(byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }.value
        let base = try #require(URL(string: line))
        #expect(base.path == "/v1")
        #expect(base.host == "127.0.0.1")
        try await withTransport { transport in
            let clock = ContinuousClock()
            let started = clock.now
            let response = try await transport.send(jsonRequest(base, "images/generations", ["model": "gpt-image-1", "prompt": "x"]))
            #expect(clock.now - started >= .milliseconds(200))
            let json = try JSONValue.parse(response.body)
            #expect(json["output_format"]?.stringValue == "jpeg")
            #expect(json["size"]?.stringValue == "20x10")
        }
        process.terminate()  // SIGTERM
        for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning)
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
    }
}
