import Foundation

/// A fixture file as a template: `{{NAME}}` placeholders and one repeated block per image,
/// `{{#images|SEP}}…{{/images}}`, rendered once per image and joined by the literal text `SEP`.
/// Leading lines starting with `//!` are the fixture's comment (its source in router-shapes.md)
/// and are not part of the body.
public struct FixtureTemplate: Sendable {
    indirect enum Segment: Sendable, Equatable {
        case literal(String)
        case value(String)
        case images(separator: String, body: [Segment])
    }

    /// The file name, e.g. `images-b64.json`.
    public let name: String
    /// The `//!` comment lines, without the marker.
    public let comment: [String]
    /// The body with placeholders, as written.
    public let body: String
    let segments: [Segment]

    /// Parses `text`, the contents of the fixture file `name`.
    public init(name: String, text: String) {
        self.name = name
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        var comment: [String] = []
        while let first = lines.first, first.hasPrefix("//!") {
            comment.append(first.dropFirst(3).trimmingCharacters(in: .whitespaces))
            lines = lines.dropFirst()
        }
        self.comment = comment
        body = lines.joined(separator: "\n")
        var rest = Substring(body)
        segments = Self.parse(&rest, until: nil)
    }

    /// The placeholder names used anywhere in the template.
    public var placeholders: Set<String> { Self.names(in: segments) }

    /// The body with `values` substituted and the image block repeated for each of `images`
    /// (whose values are looked up before `values`). A placeholder with no value is left as written.
    public func render(_ values: [String: String], images: [[String: String]] = []) -> String {
        var out = ""
        Self.render(segments, values: values, image: nil, images: images, into: &out)
        return out
    }

    private static func render(_ segments: [Segment], values: [String: String], image: [String: String]?,
                               images: [[String: String]], into out: inout String) {
        for segment in segments {
            switch segment {
            case .literal(let text):
                out += text
            case .value(let name):
                out += image?[name] ?? values[name] ?? "{{\(name)}}"
            case .images(let separator, let body):
                for (index, item) in images.enumerated() {
                    if index > 0 { out += separator }
                    render(body, values: values, image: item, images: [], into: &out)
                }
            }
        }
    }

    private static func parse(_ text: inout Substring, until end: String?) -> [Segment] {
        var segments: [Segment] = []
        while !text.isEmpty {
            guard let open = text.range(of: "{{") else {
                segments.append(.literal(String(text)))
                text = text[text.endIndex...]
                break
            }
            if open.lowerBound > text.startIndex { segments.append(.literal(String(text[..<open.lowerBound]))) }
            guard let close = text.range(of: "}}", range: open.upperBound..<text.endIndex) else {
                segments.append(.literal(String(text[open.lowerBound...])))
                text = text[text.endIndex...]
                break
            }
            let tag = String(text[open.upperBound..<close.lowerBound])
            text = text[close.upperBound...]
            if tag.hasPrefix("#images") {
                let separator = tag.firstIndex(of: "|").map { String(tag[tag.index(after: $0)...]) } ?? ""
                segments.append(.images(separator: separator, body: parse(&text, until: "/images")))
            } else if tag == end {
                return segments
            } else {
                segments.append(.value(tag))
            }
        }
        return segments
    }

    private static func names(in segments: [Segment]) -> Set<String> {
        var out = Set<String>()
        for segment in segments {
            switch segment {
            case .literal: break
            case .value(let name): out.insert(name)
            case .images(_, let body): out.formUnion(names(in: body))
            }
        }
        return out
    }
}
