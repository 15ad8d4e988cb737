/// A TOML value as plain Sendable data.
indirect enum TOMLNode: Sendable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([TOMLNode])
    case table([String: TOMLNode])
    /// Dates and times, which no Limn setting takes.
    case other(String)

    /// A TOML syntax error: what is wrong and where (1-based line and column).
    struct SyntaxError: Error, Equatable {
        var message: String
        var line: Int
        var column: Int
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
