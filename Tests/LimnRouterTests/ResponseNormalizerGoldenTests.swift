import Foundation
import Testing
@testable import LimnRouter

/// One fixture per shape (named after it, source named on its first line), normalized and compared
/// with its golden rendering.
@Suite("Shapes: golden fixtures")
struct ResponseNormalizerGoldenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var fixture: String
        var route: Route
        var operation: LimnRouter.Operation
        var status = 200
        var headers: [(String, String)] = []
        var testDescription: String { fixture }
    }

    static let json = ("Content-Type", "application/json")
    static let sse = ("Content-Type", "text/event-stream")

    static let replies: [Case] = [
        Case(fixture: "images-b64.json", route: .images, operation: .generate, headers: [json]),
        Case(fixture: "images-url.json", route: .images, operation: .generate, headers: [json]),
        Case(fixture: "images-url-grok.json", route: .images, operation: .generate, headers: [json]),
        Case(fixture: "images-stream.sse", route: .images, operation: .generate, headers: [sse]),
        Case(fixture: "images-stream-edit-done.sse", route: .images, operation: .edit, headers: [sse]),
        Case(fixture: "multipart.json", route: .chat, operation: .generate, headers: [json]),
        Case(fixture: "multipart-bare-base64.json", route: .chat, operation: .generate, headers: [json]),
        Case(fixture: "text.json", route: .chat, operation: .generate, headers: [json]),
        Case(fixture: "markdown-image.json", route: .chat, operation: .generate, headers: [json]),
        Case(fixture: "markdown-image.sse", route: .chat, operation: .generate, headers: [sse]),
        Case(fixture: "task-text.json", route: .chat, operation: .generate, headers: [json]),
        Case(fixture: "task-text-en.json", route: .chat, operation: .generate, headers: [json]),
        Case(fixture: "task-text-header-only.json", route: .chat, operation: .generate, headers: [json]),
        Case(fixture: "message-images.json", route: .chat, operation: .generate, headers: [json]),
        Case(fixture: "message-images-single.json", route: .chat, operation: .generate, headers: [json]),
        Case(fixture: "message-images.sse", route: .chat, operation: .generate, headers: [sse]),
        Case(fixture: "gemini-inline.json", route: .gemini, operation: .generate, headers: [json]),
        Case(fixture: "gemini-inline-snake.json", route: .gemini, operation: .edit, headers: [json]),
        Case(fixture: "gemini-inline-thought.json", route: .gemini, operation: .generate, headers: [json]),
        Case(fixture: "gemini-inline.sse", route: .gemini, operation: .generate, headers: [sse]),
        Case(fixture: "gemini-text.json", route: .gemini, operation: .generate, headers: [json]),
        Case(fixture: "gemini-text-url.json", route: .gemini, operation: .generate, headers: [json]),
    ]

    static let errors: [Case] = [
        Case(fixture: "error-openai-401.json", route: .images, operation: .generate, status: 401, headers: [json, ("x-request-id", "req_401abc")]),
        Case(fixture: "error-new-api-503.json", route: .images, operation: .generate, status: 503, headers: [json]),
        Case(fixture: "error-google-400.json", route: .gemini, operation: .generate, status: 400, headers: [json]),
        Case(fixture: "error-on-200.json", route: .images, operation: .generate, status: 200, headers: [json, ("x-oneapi-request-id", "one-77")]),
        Case(fixture: "error-rate-limit-429.json", route: .images, operation: .generate, status: 429, headers: [json, ("Retry-After", "7")]),
        Case(fixture: "error-timeout-408.json", route: .images, operation: .generate, status: 408, headers: [json]),
        Case(fixture: "error-cloudflare-524.html", route: .gemini, operation: .edit, status: 524, headers: [("Content-Type", "text/html; charset=UTF-8")]),
        Case(fixture: "error-in-stream.sse", route: .chat, operation: .chat, headers: [sse, ("x-new-api-request-id", "nr-5")]),
        Case(fixture: "truncated.json", route: .images, operation: .generate, headers: [json]),
        Case(fixture: "truncated-stream.sse", route: .images, operation: .generate, headers: [sse]),
        Case(fixture: "bad-base64.json", route: .images, operation: .generate, headers: [json]),
    ]

    func response(_ c: Case) throws -> HTTPResponse {
        HTTPResponse(status: c.status, headers: HTTPHeaders(c.headers), body: try Fixtures.body("shapes/" + c.fixture))
    }

    @Test(arguments: replies)
    func normalizesToItsGolden(_ c: Case) throws {
        let reply = try ResponseNormalizer.normalize(response: response(c), route: c.route, operation: c.operation)
        let shapeName = c.fixture.split(separator: ".")[0]
        #expect(shapeName.hasPrefix(reply.shape.rawValue), "fixture \(c.fixture) is named after the shape it holds")
        let problem = try Golden.check(Golden.render(reply), fixture: c.fixture)
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test(arguments: errors)
    func errorsMatchTheirGolden(_ c: Case) throws {
        var caught: RouterError?
        let input = try response(c)
        do {
            _ = try ResponseNormalizer().normalize(response: input, route: c.route, operation: c.operation)
        } catch {
            caught = error
        }
        let error = try #require(caught, "\(c.fixture) should fail")
        let problem = try Golden.check(Golden.render(error), fixture: c.fixture)
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func everyShapeHasAFixture() {
        let covered = Set(Self.replies.map { String($0.fixture.split(separator: ".")[0]) })
        for shape in Shape.allCases {
            #expect(covered.contains(shape.rawValue), "no fixture named \(shape.rawValue).*")
        }
    }

    @Test func everyFixtureNamesItsSource() throws {
        for c in Self.replies + Self.errors {
            let first = try Fixtures.text("shapes/" + c.fixture).split(separator: "\n", maxSplits: 1).first ?? ""
            #expect(first.contains("source: router-shapes.md §"), "\(c.fixture) first line: \(first)")
        }
    }
}
