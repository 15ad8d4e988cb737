import Foundation
import FuzzSupport
import LimnRouter

// Differential: Limn's JSON reader against Foundation's JSONSerialization. Both must accept or
// both reject, and accepted documents must hold the same values. Two documented differences
// are allowed: Limn repairs invalid UTF-8 inside strings with U+FFFD (routers send it; Foundation
// rejects), and Foundation also reads UTF-16 and UTF-32 documents (no router sends them).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = fuzzData(start, count)
    let ours = try? JSONValue.parse(data)
    // Long strings left as spans of the input read as the same values, and fail alike.
    let spanned = try? JSONValue.parse(data, spansFrom: 16)
    require(spanned == ours, "parsing with spans gives another value: \(preview(data))")
    // Limn writes what it reads: serialized output parses back to the same value.
    if let ours {
        let again = try? JSONValue.parse(ours.serialized())
        require(again == ours, "serialized JSON does not read back the same")
    }
    guard let text = String(data: data, encoding: .utf8) else { return 0 }
    // A document that is one number reads as Swift's correctly rounded Double would.
    if case .double(let d)? = ours, let exact = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
        require(d == exact, "number \(preview(data)) reads as \(d), correctly rounded it is \(exact)")
    }
    // Foundation reads a NUL among the first four bytes as a UTF-16 or UTF-32 document.
    guard !data.prefix(4).contains(0) else { return 0 }
    let theirs = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    switch (ours, theirs) {
    case (nil, nil): break
    case (let value?, nil):
        // Foundation nests at most 512 levels including the top, Limn's default allows 512 below it.
        require(depth(value) >= 512, "Limn accepts what Foundation rejects: \(preview(data))")
    case (nil, _?):
        require(false, "Foundation accepts what Limn rejects: \(preview(data))")
    case (let value?, let object?):
        require(same(value, object), "values differ for \(preview(data)): \(value) vs \(object)")
    }
    return 0
}

private func depth(_ value: JSONValue) -> Int {
    switch value {
    case .array(let items): 1 + (items.map(depth).max() ?? 0)
    case .object(let object): 1 + (object.entries.map { depth($0.value) }.max() ?? 0)
    default: 0
    }
}

private func same(_ value: JSONValue, _ object: Any) -> Bool {
    switch value {
    case .null: return object is NSNull
    case .bool(let b):
        // Booleans and numbers are both NSNumber on Linux: the value is what is compared.
        guard let n = object as? NSNumber else { return false }
        return n.boolValue == b
    case .int(let i):
        guard let n = object as? NSNumber else { return false }
        return n.int64Value == i && n.doubleValue == Double(i)
    case .double(let d):
        guard let n = object as? NSNumber else { return false }
        if n.doubleValue == d { return true }
        // Foundation reads integers too long for Int64 as a Decimal of 38 digits, so its value
        // can be off in the last places; Limn's is checked for correct rounding in fuzzJSON.
        guard object is NSDecimalNumber || object is Decimal else { return false }
        return abs(n.doubleValue - d) <= abs(d) * 1e-12
    case .string(let s):
        return (object as? String) == s
    case .span(let s):
        return (object as? String) == s.string
    case .array(let items):
        guard let array = object as? [Any], array.count == items.count else { return false }
        return zip(items, array).allSatisfy { same($0, $1) }
    case .object(let entries):
        guard let dictionary = object as? [String: Any] else { return false }
        // A repeated key keeps its last value in both; Limn keeps each key once.
        guard dictionary.count == entries.entries.count else { return false }
        return entries.entries.allSatisfy { key, member in dictionary[key].map { same(member, $0) } ?? false }
    }
}
