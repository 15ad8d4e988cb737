import CCrypto
import Foundation

/// SHA-256 through libcrypto, the name every stored image goes by.
public enum SHA256Digest {
    /// The lowercase hex SHA-256 of `data` (64 characters).
    public static func hex(_ data: Data) -> String {
        var digest = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        var context = SHA256_CTX()
        SHA256_Init(&context)
        data.withUnsafeBytes { raw in
            if let base = raw.baseAddress { _ = SHA256_Update(&context, base, raw.count) }
        }
        withUnsafeMutableBytes(of: &digest) { out in
            _ = SHA256_Final(out.baseAddress?.assumingMemoryBound(to: UInt8.self), &context)
        }
        return withUnsafeBytes(of: &digest) { bytes in
            String(unsafeUninitializedCapacity: 64) { utf8 in
                let digits = Array("0123456789abcdef".utf8)
                for (i, byte) in bytes.enumerated() {
                    utf8[2 * i] = digits[Int(byte >> 4)]
                    utf8[2 * i + 1] = digits[Int(byte & 0x0F)]
                }
                return 64
            }
        }
    }
}
