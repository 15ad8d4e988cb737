import CCrypto
import Foundation

/// SHA-256 through libcrypto, the name every stored image goes by.
public enum SHA256Digest {
    /// The lowercase hex SHA-256 of `data` (64 characters).
    public static func hex(_ data: Data) -> String {
        var digest = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        withUnsafeMutableBytes(of: &digest) { out in
            let md = out.baseAddress?.assumingMemoryBound(to: UInt8.self)
            data.withUnsafeBytes { raw in
                _ = SHA256(raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count, md)
            }
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
