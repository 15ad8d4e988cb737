import Foundation
import Testing
import LimnRouter
@testable import LimnLua

@Suite struct LuaBoundaryTests {
    @Test func errorsFromSwiftAreCaughtByPcallManyTimes() async {
        let (outcome, logs, _) = await runLua("""
            local caught, last = 0, nil
            for i = 1, 20000 do
              local ok, err = pcall(save, nil, nil)
              if not ok then caught = caught + 1; last = err end
            end
            limn.log(caught, last)
            """)
        #expect(outcome == .success)
        #expect(logs.first?.hasPrefix("20000\t") == true)
        #expect(logs.first?.contains("give a file name") == true)
    }

    @Test func argumentErrorsCarryScriptAndLine() async {
        let (outcome, _, _) = await runLua("local a = 1\nlocal b = 2\n\n\n\n\ngenerate{}\n", name: "seven.lua")
        guard case .failed(let message, let traceback) = outcome else { Issue.record("expected failure, got \(outcome)"); return }
        #expect(message.hasPrefix("seven.lua:7: generate: a prompt is required"))
        #expect(!message.contains("\n"))
        #expect(traceback.contains("seven.lua:7"))
    }

    @Test func yieldsThroughTheTrampolineManyTimes() async {
        let (outcome, logs, _) = await runLua("""
            local n = 0
            for i = 1, 5000 do
              local ok, err = pcall(limn.sleep, 0)
              if ok then n = n + 1 end
            end
            for i = 1, 2000 do
              local img = generate{ "x" .. i }
              if img.width == 8 then n = n + 1 end
            end
            limn.log(n)
            """)
        #expect(outcome == .success)
        #expect(logs == ["7000"])
    }

    @Test func structuredErrorsHaveKindMessageAndOneLine() async {
        let failing = FakePerformer { call throws(RouterError) in
            throw RouterError(.rateLimit, "slow down", status: 429, model: call.model, requestID: "req_1", retryable: true)
        }
        let (outcome, logs, _) = await runLua("""
            local ok, err = pcall(generate, { "a cat" })
            limn.log(ok, err.kind, err.message, err.status, err.retryable and "yes" or "no", tostring(err))
            generate{ "again" }
            """, name: "kinds.lua", performer: failing)
        // Called straight through pcall (a C function) the error has no script position, as in plain Lua.
        #expect(logs.first == "false\trate_limit\tslow down\t429\tyes\trate_limit: slow down (HTTP 429, model gpt-image-1, request id req_1)")
        guard case .failed(let message, _) = outcome else { Issue.record("expected failure"); return }
        #expect(message == "kinds.lua:3: rate_limit: slow down (HTTP 429, model gpt-image-1, request id req_1)")
    }

    @Test func bindingWhereLuaCannotYieldRaisesAClearError() async {
        let (outcome, logs, _) = await runLua("""
            local ok, err = pcall(table.sort, {3, 1, 2}, function(a, b) generate{ "x" }; return a < b end)
            limn.log(ok, err)
            """)
        #expect(outcome == .success)
        #expect(logs.first?.contains("generate: cannot wait for the network here") == true)
    }

    @Test func imagesAreFinalizedWhenDropped() async {
        let events = EventLog()
        let (outcome, logs, _) = await runLua("""
            local kept = generate{ "kept" }
            for i = 1, 500 do local img = generate{ "x" } end
            collectgarbage(); collectgarbage()
            limn.log(kept.width)
            """, events: events)
        #expect(outcome == .success)
        #expect(logs == ["8"])
        let stats = events.finished
        #expect(stats?.created == 501)
        #expect(stats?.finalized == 500) // all but the one still referenced
    }

    @Test func unknownOptionSuggestsTheRightOne() async {
        let (outcome, _, _) = await runLua(#"generate{ "a cat", sise = "1024x1024" }"#, name: "typo.lua")
        guard case .failed(let message, _) = outcome else { Issue.record("expected failure"); return }
        #expect(message.hasPrefix("typo.lua:1: generate: unknown option 'sise' (did you mean 'size'?)"))
    }

    @Test func syntaxErrorsNameTheLine() async {
        let (outcome, _, _) = await runLua("local x = 1\nlocal = 2\n", name: "broken.lua")
        guard case .failed(let message, _) = outcome else { Issue.record("expected failure"); return }
        #expect(message.hasPrefix("broken.lua:2:"))
    }
}
