import Foundation
import LimnTesting

// limn-fake-router: the fake router as a process, for benchmarks and manual runs.
// Prints the base URL as the first line on stdout, then serves until SIGTERM or SIGINT.

let commandLine: FakeRouterCommandLine
do {
    commandLine = try FakeRouterCommandLine(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("limn-fake-router: \(error)\n\n\(FakeRouterCommandLine.usage)\n".utf8))
    exit(2)
}
if commandLine.showHelp {
    print(FakeRouterCommandLine.usage)
    exit(0)
}

let router = FakeRouter(configuration: commandLine.configuration)
for rule in commandLine.answers { router.answer(model: rule.model, with: rule.answer) }
let (stopSignals, stopContinuation) = AsyncStream<Int32>.makeStream()
let signalSources = [SIGTERM, SIGINT].map { number in
    signal(number, SIG_IGN)  // delivered to the dispatch source instead of ending the process
    let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
    source.setEventHandler { [stopContinuation] in stopContinuation.yield(number) }
    source.resume()
    return source
}
do {
    let base = try await router.start()
    FileHandle.standardOutput.write(Data((base.absoluteString + "\n").utf8))  // unbuffered: a parent reads it at once
} catch {
    FileHandle.standardError.write(Data("limn-fake-router: cannot start: \(error)\n".utf8))
    exit(1)
}
for await _ in stopSignals { break }
await router.stop()
signalSources.forEach { $0.cancel() }
exit(0)
