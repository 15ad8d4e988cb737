import Foundation

/// The bytes libFuzzer hands a target, copied into `Data` (the code under test takes `Data`).
public func fuzzData(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Data {
    guard let start, count > 0 else { return Data() }
    return Data(bytes: start, count: count)
}

/// Stops the run as a finding when `condition` is false: libFuzzer saves the input as a crash.
public func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                    file: StaticString = #fileID, line: UInt = #line) {
    if condition() { return }
    FileHandle.standardError.write(Data("fuzz finding at \(file):\(line): \(message())\n".utf8))
    abort()
}

/// Reads length-prefixed fields from the input, so one input can describe several values
/// (multipart parts, say) and still mutate smoothly.
public struct FuzzReader {
    private let bytes: [UInt8]
    private var position = 0

    public init(_ data: Data) { bytes = [UInt8](data) }

    public var isAtEnd: Bool { position >= bytes.count }

    /// One byte, or 0 past the end.
    public mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    /// A field of at most 255 bytes, its length in the first byte.
    public mutating func field() -> [UInt8] {
        let length = Int(byte())
        let end = min(bytes.count, position + length)
        defer { position = end }
        return Array(bytes[min(position, end)..<end])
    }

    /// Everything left.
    public mutating func rest() -> [UInt8] {
        defer { position = bytes.count }
        return position < bytes.count ? Array(bytes[position...]) : []
    }
}

/// The start of an input, for a finding's message.
public func preview(_ data: Data) -> String {
    let text = String(decoding: data.prefix(120), as: UTF8.self)
    return data.count > 120 ? text + "… (\(data.count) bytes)" : text
}
