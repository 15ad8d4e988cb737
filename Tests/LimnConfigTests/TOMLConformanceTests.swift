import Foundation
import Testing
@testable import LimnConfig

/// Limn's TOML parser against Python's tomllib (a strict TOML 1.0 reader): the cases in
/// Fixtures/toml-cases.json, written by `scripts/dev/toml_cases.py write`, say for each document
/// whether tomllib accepts it and what it reads. `LIMN_TOML_CASES=FILE` adds a file of
/// mutations made by `scripts/dev/toml_cases.py mutate N FILE`.
@Suite("TOML conformance")
struct TOMLConformanceTests {
    struct Case: Decodable {
        var name: String
        var toml: String
        var expect: Canonical?
    }

    /// A value as the case file writes it: one key naming the type.
    indirect enum Canonical: Decodable, Equatable, CustomStringConvertible {
        case bool(Bool), int(String), float(String), string(String), other(String)
        case array([Canonical]), table([String: Canonical])

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            guard let key = c.allKeys.first else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "empty")) }
            switch key.stringValue {
            case "bool": self = .bool(try c.decode(Bool.self, forKey: key))
            case "int": self = .int(try c.decode(String.self, forKey: key))
            case "float": self = .float(try c.decode(String.self, forKey: key))
            case "string": self = .string(try c.decode(String.self, forKey: key))
            case "other": self = .other(try c.decode(String.self, forKey: key))
            case "array": self = .array(try c.decode([Canonical].self, forKey: key))
            default: self = .table(try c.decode([String: Canonical].self, forKey: key))
            }
        }

        init(_ node: TOMLNode) {
            switch node {
            case .bool(let b): self = .bool(b)
            case .int(let i): self = .int(String(i))
            case .double(let d): self = .float(d.isNaN ? "nan" : String(d.bitPattern))
            case .string(let s): self = .string(s)
            case .other(let o): self = .other(o)
            case .array(let a): self = .array(a.map(Canonical.init))
            case .table(let t): self = .table(t.mapValues(Canonical.init))
            }
        }

        var description: String {
            switch self {
            case .bool(let b): "\(b)"
            case .int(let i): i
            case .float(let f): f == "nan" ? "nan" : "\(Double(bitPattern: UInt64(f) ?? 0))"
            case .string(let s): s.debugDescription
            case .other(let o): "<\(o)>"
            case .array(let a): "[" + a.map(\.description).joined(separator: ", ") + "]"
            case .table(let t): "{" + t.sorted { $0.key < $1.key }.map { "\($0.key.debugDescription): \($0.value)" }.joined(separator: ", ") + "}"
            }
        }

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }

    static func load(_ url: URL) throws -> [Case] {
        try JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
    }

    static func check(_ cases: [Case]) -> [String] {
        var failures: [String] = []
        for test in cases {
            let got: Canonical?
            let detail: String
            do {
                let document = try TOMLParser.parse(test.toml)
                got = .table(document.root.mapValues(Canonical.init))
                detail = got!.description
            } catch {
                got = nil
                detail = "error at \(error.line):\(error.column): \(error.message)"
            }
            if got != test.expect {
                failures.append("\(test.name) \(test.toml.debugDescription): expected \(test.expect.map(\.description) ?? "an error"), got \(detail)")
            }
        }
        return failures
    }

    @Test func theCaseFileAgreesWithTomllib() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/toml-cases", withExtension: "json"))
        let cases = try Self.load(url)
        #expect(cases.count > 140)
        #expect(cases.contains { $0.expect == nil } && cases.contains { $0.expect != nil })
        let failures = Self.check(cases)
        #expect(failures.isEmpty, "\(failures.count) of \(cases.count):\n\(failures.joined(separator: "\n"))")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["LIMN_TOML_CASES"] != nil))
    func mutationsAgreeWithTomllib() throws {
        let path = try #require(ProcessInfo.processInfo.environment["LIMN_TOML_CASES"])
        let cases = try Self.load(URL(fileURLWithPath: path))
        let failures = Self.check(cases)
        #expect(failures.isEmpty, "\(failures.count) of \(cases.count):\n\(failures.prefix(40).joined(separator: "\n"))")
    }

    @Test func errorsNameTheLineAndColumn() {
        func failure(_ text: String) -> TOMLNode.SyntaxError? {
            do { _ = try TOMLParser.parse(text); return nil } catch { return error }
        }
        #expect(failure("a = 1\nb = \n") == TOMLNode.SyntaxError(message: "a value is missing after =", line: 2, column: 5))
        #expect(failure("[a]\nx = 1\n[a]\n")?.line == 3)
        #expect(failure("a = \"ʎǝʞ\\q\"\n")?.column == 9)
        #expect(failure("a = 012\n")?.message.contains("leading zero") == true)
        #expect(failure("a = 9223372036854775808\n")?.message.contains("out of range") == true)
        #expect(failure("x = hello\n")?.message.contains("a string needs quotes") == true)
    }
}
