import Foundation
import LimnImage
import LimnRouter
import Testing
@testable import LimnHistory

@Suite struct CallSummaryTests {
    @Test func anOutcomeSummarizesLikeItsCase() throws {
        let call = Fixtures.generateCall("cat")
        let result = Fixtures.result(for: call, images: [try Fixtures.image(1)])
        let error = RouterError(.timeout, "took too long", model: "gpt-image-1", route: .images)
        let started = Date(timeIntervalSince1970: 1_000)

        #expect(CallSummary(call: call, outcome: .success(result), started: started)
            == CallSummary(call: call, result: result, started: started))
        #expect(CallSummary(call: call, outcome: .failure(error), started: started)
            == CallSummary(call: call, error: error, started: started))
    }

    @Test func startedDefaultsToNowMinusElapsedAndRetriesCountAttempts() throws {
        let call = Fixtures.generateCall("cat")
        let summary = CallSummary(call: call, result: Fixtures.result(for: call, images: []))
        #expect(abs(summary.started.timeIntervalSinceNow + 1.234) < 1)
        #expect(summary.elapsedMilliseconds == 1234)
        #expect(summary.retries == 1)
    }

    @Test func anEditsParentIsItsFirstInputUnlessAnotherDigestIsGiven() throws {
        let parent = try Fixtures.image(1)
        let call = Fixtures.editCall("sepia", input: parent)
        let result = Fixtures.result(for: call, images: [try Fixtures.image(2)])

        let byDefault = CallSummary(call: call, result: result)
        let other = CallSummary(call: call, result: result, parentSHA256: String(repeating: "c", count: 64))

        #expect(byDefault.parent == parent)
        #expect(byDefault.parentSHA256 == parent.sha256)
        #expect(other.parent == nil, "the input's bytes are not stored under another image's digest")
        #expect(other.parentSHA256 == String(repeating: "c", count: 64))
        #expect(CallSummary(call: Fixtures.generateCall("x"), result: result).parentSHA256 == nil)
    }

    @Test func chatPromptsAreTheLastUserText() throws {
        let call = Call(operation: .chat, model: "gpt-4o", messages: [
            ChatMessage(role: "user", parts: [.text("first")]),
            ChatMessage(role: "assistant", parts: [.text("answer")]),
            ChatMessage(role: "user", parts: [.image(InputImage(image: try Fixtures.image(1))), .text("describe this")]),
        ])
        #expect(CallSummary(call: call, error: RouterError(.http, "down")).prompt == "describe this")
    }
}
