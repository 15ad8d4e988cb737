import Foundation
import LimnRouter
import LimnTesting
import Testing

@Suite("Fake router fixtures")
struct FixtureTests {
    /// Every placeholder a fixture may use (FakeRenderer, FakeResponder).
    static let known: Set<String> = [
        "CREATED", "ID", "MODEL", "PROMPT", "PROMPT_IN_JSON", "FORMAT", "SIZE", "BASE", "HOST", "TASK_ID", "COUNT", "EVENT", "DONE",
        "PREVIEW_B64", "THOUGHT_B64", "TEXT", "MESSAGE", "TYPE", "CODE_JSON", "STATUS_CODE", "REASON",
        "B64", "URL", "DATAURI", "MIME", "INDEX", "NUMBER",
        "FILE_ID", "FILE_URL", "FILE_MIME", "FILE_BYTES", "EXPIRES",
    ]

    @Test("the fixtures are bundled")
    func bundled() {
        #expect(FixtureLibrary.all.count >= 28)
        #expect(FixtureLibrary.template("images-b64.json") != nil)
    }

    @Test("every fixture names its source in router-shapes.md or DESIGN.md", arguments: FixtureLibrary.all.keys.sorted())
    func namesSource(_ name: String) throws {
        let template = try #require(FixtureLibrary.template(name))
        let comment = template.comment.joined(separator: " ")
        #expect(comment.contains("router-shapes.md §") || comment.contains("DESIGN.md §"), "\(name): \(comment)")
    }

    @Test("every placeholder is one the renderer fills", arguments: FixtureLibrary.all.keys.sorted())
    func placeholdersKnown(_ name: String) throws {
        let template = try #require(FixtureLibrary.template(name))
        #expect(template.placeholders.subtracting(Self.known).isEmpty, "\(name): \(template.placeholders.subtracting(Self.known))")
        #expect(!template.body.contains("{{{"), "\(name) has {{{, which the template parser misreads")
    }

    @Test("JSON fixtures are JSON once filled, for 0, 1 and 3 images", arguments: FixtureLibrary.all.keys.sorted().filter { $0.hasSuffix(".json") })
    func jsonFixturesParse(_ name: String) throws {
        let template = try #require(FixtureLibrary.template(name))
        var values: [String: String] = [:]
        for key in Self.known { values[key] = "1" }
        values["CODE_JSON"] = "null"
        values["PROMPT"] = #"say \"hi\""#
        values["PROMPT_IN_JSON"] = #"say \\\"hi\\\""#
        for count in [0, 1, 3] {
            let images = (0..<count).map { i in ["B64": "QUJD", "URL": "http://h/\(i).png", "DATAURI": "data:image/png;base64,QUJD",
                                                  "MIME": "image/png", "INDEX": String(i), "NUMBER": String(i + 1)] }
            let text = template.render(values, images: images)
            #expect(!text.contains("{{"), "\(name) left a placeholder")
            let json = try JSONValue.parse(Data(text.utf8))
            #expect(json.objectValue != nil, "\(name) is not a JSON object")
        }
    }

    @Test("SSE fixtures are events of JSON once filled", arguments: FixtureLibrary.all.keys.sorted().filter { $0.hasSuffix(".sse") })
    func sseFixturesParse(_ name: String) throws {
        let template = try #require(FixtureLibrary.template(name))
        var values: [String: String] = [:]
        for key in Self.known { values[key] = "1" }
        values["DONE"] = "data: [DONE]\n\n"
        let images = [["B64": "QUJD", "DATAURI": "data:image/png;base64,QUJD", "MIME": "image/png", "INDEX": "0"]]
        let text = template.render(values, images: images)
        let events = text.components(separatedBy: "\n\n").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        #expect(events.count >= 2)
        for event in events {
            let data = event.split(separator: "\n").filter { $0.hasPrefix("data: ") }.map { $0.dropFirst(6) }.joined(separator: "\n")
            if data == "[DONE]" { continue }
            #expect((try? JSONValue.parse(Data(data.utf8))) != nil, "\(name): \(data.prefix(80))")
        }
    }

    @Test("a template repeats its image block with the separator and strips the comment")
    func templateEngine() {
        let template = FixtureTemplate(name: "t", text: "//! source: x\n//! more\n[{{#images|, }}<{{N}}:{{A}}>{{/images}}] {{A}} {{MISSING}}")
        #expect(template.comment == ["source: x", "more"])
        #expect(template.placeholders == ["N", "A", "MISSING"])
        #expect(template.render(["A": "g"], images: [["N": "1"], ["N": "2", "A": "i"]]) == "[<1:g>, <2:i>] g {{MISSING}}")
        #expect(template.render(["A": "g"], images: []) == "[] g {{MISSING}}")
    }
}
