import Foundation
import Testing
@testable import LimnRouter

/// The validator the request tests lean on must itself reject bad bodies.
@Suite("Schema validator")
struct SchemaValidatorTests {
    @Test func rejectsWhatTheSpecForbids() throws {
        let v = try SchemaValidator.load()
        #expect(v.validate(["model": "gpt-image-1"], against: "CreateImageRequest").contains { $0.contains("missing required prompt") })
        #expect(!v.validate(["prompt": "x", "n": 11], against: "CreateImageRequest").isEmpty)
        #expect(!v.validate(["prompt": "x", "output_format": "gif"], against: "CreateImageRequest").isEmpty)
        #expect(!v.validate(["prompt": "x", "n": "2"], against: "CreateImageRequest").isEmpty)
        #expect(v.validate(["prompt": "x", "image_input": ["u"]], against: "CreateImageRequest").contains { $0.contains("undeclared property image_input") })
        #expect(v.validate(["prompt": "x", "quality": .null], against: "CreateImageRequest").isEmpty)
        #expect(!v.validate(["prompt": "x"], against: "CreateImageEditRequest").isEmpty)
        let badPart: JSONValue = ["model": "gpt-4o", "messages": [["role": "user", "content": [["type": "image_url", "image_url": ["detail": "low"]]]]]]
        #expect(!v.validate(badPart, against: "CreateChatCompletionRequest").isEmpty)
        let badRole: JSONValue = ["model": "gpt-4o", "messages": [["role": "robot", "content": "x"]]]
        #expect(!v.validate(badRole, against: "CreateChatCompletionRequest").isEmpty)
        #expect(!v.validate(["model": "gpt-4o", "messages": []], against: "CreateChatCompletionRequest").isEmpty)
        let good: JSONValue = ["model": "gpt-4o", "messages": [["role": "user", "content": "x"]]]
        #expect(v.validate(good, against: "CreateChatCompletionRequest") == [])
    }
}
