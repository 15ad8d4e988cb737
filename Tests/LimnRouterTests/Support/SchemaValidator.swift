import Foundation
@testable import LimnRouter

/// Checks a JSON value against the OpenAPI subset in `Fixtures/openapi-subset.json`: `$ref`, `type`
/// (with `nullable`), `enum`, `required`, `properties`, `allOf`/`anyOf`/`oneOf`, `items`,
/// `min/maxItems`, `minimum`/`maximum`, `maxLength`. With `strict`, a property the schema does not
/// declare is also an error (OpenAI's schemas allow extras, but our requests should carry none).
struct SchemaValidator {
    let schemas: JSONObject

    static func load() throws -> SchemaValidator {
        let root = try JSONValue.parse(Fixtures.data("openapi-subset.json"))
        return SchemaValidator(schemas: root["schemas"]?.objectValue ?? JSONObject())
    }

    /// Problems found (empty when the value conforms).
    func validate(_ value: JSONValue, against name: String, strict: Bool = true) -> [String] {
        guard let schema = schemas[name] else { return ["no schema \(name)"] }
        return check(value, schema, path: "$", strict: strict)
    }

    private func resolve(_ schema: JSONValue) -> JSONValue {
        if let ref = schema["$ref"]?.stringValue, let name = ref.split(separator: "/").last, let target = schemas[String(name)] {
            return resolve(target)
        }
        return schema
    }

    /// Every property name an object schema declares, through `allOf`/`anyOf`/`oneOf`.
    private func declared(_ schema: JSONValue) -> Set<String>? {
        let s = resolve(schema)
        var names = Set(s["properties"]?.objectValue?.keys ?? [])
        var any = s["properties"] != nil
        for key in ["allOf", "anyOf", "oneOf"] {
            for sub in s[key]?.arrayValue ?? [] {
                if let more = declared(sub) {
                    names.formUnion(more)
                    any = true
                }
            }
        }
        if s["additionalProperties"] != nil && s["additionalProperties"] != .bool(false) { return nil }
        return any ? names : nil
    }

    private func check(_ value: JSONValue, _ raw: JSONValue, path: String, strict: Bool) -> [String] {
        let schema = resolve(raw)
        var problems: [String] = []
        if value == .null {
            if schema["nullable"] == .bool(true) || schema["type"]?.stringValue == "null" { return [] }
        }
        if let type = schema["type"]?.stringValue, !matches(value, type) {
            return ["\(path): expected \(type), got \(value.jsonText.prefix(60))"]
        }
        if let options = schema["enum"]?.arrayValue, !options.contains(value) {
            problems.append("\(path): \(value.jsonText.prefix(60)) is not one of \(JSONValue.array(options).jsonText)")
        }
        if let min = schema["minimum"]?.doubleValue, let v = value.doubleValue, v < min { problems.append("\(path): \(v) < minimum \(min)") }
        if let max = schema["maximum"]?.doubleValue, let v = value.doubleValue, v > max { problems.append("\(path): \(v) > maximum \(max)") }
        if let maxLength = schema["maxLength"]?.intValue, let s = value.stringValue, s.count > maxLength {
            problems.append("\(path): longer than \(maxLength)")
        }
        if case .object(let object) = value {
            for key in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[key] == nil {
                problems.append("\(path): missing required \(key)")
            }
            let properties = schema["properties"]?.objectValue ?? JSONObject()
            for (key, member) in object.entries {
                if let sub = properties[key] { problems += check(member, sub, path: "\(path).\(key)", strict: strict) }
            }
            if strict, let names = declared(schema) {
                for key in object.keys where !names.contains(key) { problems.append("\(path): undeclared property \(key)") }
            }
        }
        if case .array(let items) = value {
            if let min = schema["minItems"]?.intValue, items.count < min { problems.append("\(path): fewer than \(min) items") }
            if let max = schema["maxItems"]?.intValue, items.count > max { problems.append("\(path): more than \(max) items") }
            if let itemSchema = schema["items"] {
                for (i, item) in items.enumerated() { problems += check(item, itemSchema, path: "\(path)[\(i)]", strict: strict) }
            }
        }
        for sub in schema["allOf"]?.arrayValue ?? [] { problems += check(value, sub, path: path, strict: false) }
        if let options = schema["anyOf"]?.arrayValue {
            let results = options.map { check(value, $0, path: path, strict: false) }
            if !results.contains(where: \.isEmpty) { problems.append("\(path): matches no anyOf branch: \(results.flatMap { $0 }.prefix(3))") }
        }
        if let options = schema["oneOf"]?.arrayValue {
            let results = options.map { check(value, $0, path: path, strict: strict) }
            let passing = results.filter(\.isEmpty).count
            if passing != 1 { problems.append("\(path): matches \(passing) oneOf branches: \(results.flatMap { $0 }.prefix(3))") }
        }
        return problems
    }

    private func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("integer", .int), ("array", .array), ("object", .object), ("null", .null): true
        case ("number", .int), ("number", .double): true
        default: false
        }
    }
}

extension MultipartForm {
    /// The form as the JSON the edit schema describes: files as `"<binary>"` strings, repeated
    /// `image[]` as an `image` array, integer and boolean fields read back from their text.
    func schemaView() -> JSONValue {
        var object = JSONObject()
        for part in parts {
            let key = part.name.hasSuffix("[]") ? String(part.name.dropLast(2)) : part.name
            let value: JSONValue
            if part.filename != nil {
                value = .string("<binary>")
            } else if let i = Int64(part.text) {
                value = .int(i)
            } else if part.text == "true" || part.text == "false" {
                value = .bool(part.text == "true")
            } else {
                value = .string(part.text)
            }
            if part.name.hasSuffix("[]") {
                object[key] = .array((object[key]?.arrayValue ?? []) + [value])
            } else {
                object[key] = value
            }
        }
        return .object(object)
    }
}
