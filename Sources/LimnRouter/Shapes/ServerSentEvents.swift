import Foundation

/// One server-sent event: its `event:` name and its `data:` lines joined with `\n`.
struct ServerSentEvent: Equatable {
    var name: String?
    var data: Data
    /// Whether the event was closed by a blank line (false for a last event cut off mid-stream).
    var complete: Bool
}

/// A `text/event-stream` body split into events (WHATWG rules: `\n`, `\r\n` or `\r` line ends,
/// `:` comments, one optional space after the colon).
enum ServerSentEvents {
    static func parse(_ body: Data) -> [ServerSentEvent] {
        body.withUnsafeBytes { raw -> [ServerSentEvent] in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return [] }
            let n = raw.count
            var events: [ServerSentEvent] = []
            var name: String?
            var data = Data()
            var hasData = false
            var i = 0
            while i < n {
                var end = i
                if let hit = memchr(base + i, 0x0A, n - i) {
                    end = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                } else {
                    end = n
                }
                var lineEnd = end
                if lineEnd > i, base[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = UnsafeBufferPointer(start: base + i, count: lineEnd - i)
                i = end + 1
                if line.isEmpty {
                    if hasData { events.append(ServerSentEvent(name: name, data: data, complete: true)) }
                    name = nil
                    data = Data()
                    hasData = false
                    continue
                }
                if line[0] == UInt8(ascii: ":") { continue }
                let colon = line.firstIndex(of: UInt8(ascii: ":")) ?? line.count
                let field = String(decoding: UnsafeBufferPointer(rebasing: line[0..<colon]), as: UTF8.self)
                var valueStart = min(colon + 1, line.count)
                if valueStart < line.count, line[valueStart] == 0x20 { valueStart += 1 }
                let value = UnsafeBufferPointer(rebasing: line[valueStart...])
                switch field {
                case "data":
                    if hasData { data.append(0x0A) }
                    data.append(value)
                    hasData = true
                case "event":
                    name = String(decoding: value, as: UTF8.self)
                default:
                    continue
                }
            }
            if hasData { events.append(ServerSentEvent(name: name, data: data, complete: false)) }
            return events
        }
    }

    /// Whether a body looks like an event stream: the content type says so, or it opens with a field line.
    static func looksLikeStream(_ body: Data, contentType: String?) -> Bool {
        if contentType?.lowercased().contains("text/event-stream") == true { return true }
        let head = body.prefix(16).drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        return ["data:", "event:", ": ", "id:"].contains { head.starts(with: Data($0.utf8)) }
    }
}
