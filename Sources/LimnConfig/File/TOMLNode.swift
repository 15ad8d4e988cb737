import TOMLKit

/// A TOML value as plain Sendable data, copied out of TOMLKit's reference types at once.
indirect enum TOMLNode: Sendable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([TOMLNode])
    case table([String: TOMLNode])
    /// Dates and times, which no Limn setting takes.
    case other(String)

    /// A TOML syntax error: toml++'s message and where it starts.
    struct SyntaxError: Error, Equatable {
        var message: String
        var line: Int
        var column: Int
    }

    /// Parses a TOML document.
    static func parse(_ text: String) throws(SyntaxError) -> [String: TOMLNode] {
        do {
            return convert(try TOMLTable(string: text))
        } catch let error as TOMLParseError {
            throw SyntaxError(message: error.description, line: error.source.begin.line, column: error.source.begin.column)
        } catch {
            // TOMLKit documents only TOMLParseError from this initializer.
            throw SyntaxError(message: "\(error)", line: 1, column: 1)
        }
    }

    private static func convert(_ table: TOMLTable) -> [String: TOMLNode] {
        var result: [String: TOMLNode] = [:]
        for (key, value) in table { result[key] = node(value) }
        return result
    }

    private static func node(_ value: TOMLValueConvertible) -> TOMLNode {
        switch value.type {
        case .string: return value.string.map(TOMLNode.string) ?? .other("string")
        case .int: return value.int.map(TOMLNode.int) ?? .other("integer")
        case .double: return value.double.map(TOMLNode.double) ?? .other("float")
        case .bool: return value.bool.map(TOMLNode.bool) ?? .other("boolean")
        case .table: return value.table.map { .table(convert($0)) } ?? .other("table")
        case .array: return value.array.map { .array($0.map(node)) } ?? .other("array")
        case .date: return .other("date")
        case .time: return .other("time")
        case .dateTime: return .other("date-time")
        }
    }

    /// The type as an error message names it: `a string`, `an integer`, `a table`.
    var typeDescription: String {
        switch self {
        case .string: "a string"
        case .int: "an integer"
        case .double: "a float"
        case .bool: "a boolean"
        case .array: "an array"
        case .table: "a table"
        case .other(let name): "a \(name)"
        }
    }
}
