import ArgumentParser

/// `--shard K/N`: the test files this machine runs out of N machines.
///
/// A file belongs to shard `1 + FNV-1a-64(name) mod N`, where the name is the file's path as
/// discovered (relative to the folder given, `./` removed). The hash depends on the name alone,
/// so every machine computes the same split, and adding or removing a file moves no other file.
/// A file's `limn.test` cases stay together: they share its top-level setup (and its calls).
struct TestShard: Equatable, ExpressibleByArgument, CustomStringConvertible {
    /// 1-based.
    let index: Int
    let count: Int

    init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    init?(argument: String) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 1000, k >= 1, k <= n else { return nil }
        self.init(index: k, count: n)
    }

    static var defaultCompletionKind: CompletionKind { .default }

    /// `K/N`.
    var description: String { "\(index)/\(count)" }

    /// Whether this shard runs the test file called `name`.
    func contains(_ name: String) -> Bool { Self.shard(of: name, count: count) == index }

    /// The shard (1-based) of `name` among `count`.
    static func shard(of name: String, count: Int) -> Int {
        Int(fnv1a(stableName(name)) % UInt64(count)) + 1
    }

    /// The name hashed: the path with `./` prefixes and doubled slashes removed.
    static func stableName(_ path: String) -> String {
        var name = path
        while name.hasPrefix("./") { name.removeFirst(2) }
        while name.contains("//") { name = name.replacingOccurrences(of: "//", with: "/") }
        return name
    }

    /// 64-bit FNV-1a of the UTF-8 bytes.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
