import Foundation
import Testing
@testable import LimnConfig

/// Inputs that scripts/fuzz.sh found, kept so they stay fixed.
@Suite("Fuzz findings: limn.toml")
struct ConfigFuzzFindingTests {
    /// FuzzConfig: `[` followed by backspaces made toml++ fail an assertion and end the process.
    @Test func controlCharactersAreSyntaxErrorsWithTheirLine() {
        let text = "provider = \"offline\"\n[" + String(repeating: "\u{8}", count: 50) + "lo\u{10}\n"
        let error = configError { _ = try ConfigFile.parse(text, path: "/p/limn.toml") }
        #expect(error?.kind == .syntax)
        #expect(error?.source == .file(path: "/p/limn.toml", line: 2))
        #expect(error?.message.contains("U+0008 (column 2)") == true)
        for bad in ["a = \"x\u{0}\"\n", "# note \u{7F}\n", "a = 1\r b = 2\n", "k = '\u{1B}[31m'\n"] {
            #expect(configError { _ = try ConfigFile.parse(bad, path: "/p/limn.toml") }?.kind == .syntax, "\(bad.debugDescription)")
        }
    }

    @Test func tabsAndWindowsLineBreaksStayValid() throws {
        let file = try ConfigFile.parse("provider\t= \"offline\"\r\nconcurrency = 3\r\n", path: "/p/limn.toml")
        #expect(file.concurrency?.value == 3)
    }
}

@Suite("Fuzz findings: limn.toml table headers")
struct ConfigHeaderFuzzFindingTests {
    /// FuzzConfig: the TOML parser Limn used before its own (toml++) asserted, ending the process,
    /// when a table header's `[` was not followed by a key: `[|imeouts]` in an ordinary file.
    @Test func aHeaderWithoutAKeyIsASyntaxError() {
        for (text, line) in [("[models]\nchat = \"x\"\n[|imeouts]\nconnect = 5\n", 3), ("[#]\n", 1), ("a = 1\n[\n", 2),
                             ("[[ {x} ]]\n", 1), ("  [ *x]\n", 1)] {
            let error = configError { _ = try ConfigFile.parse(text, path: "/p/limn.toml") }
            #expect(error?.kind == .syntax, "\(text.debugDescription)")
            #expect(error?.source == .file(path: "/p/limn.toml", line: line), "\(text.debugDescription)")
        }
    }

    @Test func bracketsInsideValuesStringsAndCommentsAreNotHeaders() throws {
        let text = #"""
        [models] # [|not a header]
        generate = "[|x]"
        x = [
          [1, 2],
          [ {a = 1} ],
          [ "[|" ],
        ]
        s = """
        [|inside a multi-line string
        """
        t = '''
        [#also inside'''
        ["quoted key"]
        [[array-of-tables]]
        [ spaced . key ]
        """#
        let document = try TOMLParser.parse(text)
        #expect(document.root["models"] == .table(["generate": .string("[|x]"),
                                                   "x": .array([.array([.int(1), .int(2)]), .array([.table(["a": .int(1)])]), .array([.string("[|")])]),
                                                   "s": .string("[|inside a multi-line string\n"), "t": .string("[#also inside")]))
        #expect(document.root["quoted key"] == .table([:]))
        #expect(document.root["array-of-tables"] == .array([.table([:])]))
        #expect(document.root["spaced"] == .table(["key": .table([:])]))
    }
}
