import CLuaShim
import Foundation

/// Process-wide settings a long run of large images needs.
public enum ProcessTuning {
    /// Serves allocations of 8 MB and more with their own mappings, returned to the system when
    /// freed. glibc otherwise raises its threshold after the first large free and keeps freed
    /// image buffers in its heap: a loop of 2048×2048 images (16–22 MB buffers) then held over
    /// 300 MB. Below 8 MB (a 1024×1024 image's buffers) the heap reuses memory without page
    /// faults, which measured about 2% faster in the concurrency benchmark than mapping every
    /// buffer over 256 KB. `LIMN_MMAP_THRESHOLD` (bytes) overrides it for measurements.
    ///
    /// Freed heap memory up to 64 MB stays mapped for the next call instead of glibc's 128 KB:
    /// otherwise each call's body, base64 text and decoded image (all under 8 MB for a
    /// 1536×1024 image) were fresh pages the kernel had to clear, a third of the samples at C=1.
    /// Measured 2026-12-07 (docs/performance.md): C=1 16 calls 2.09 s against 2.22 s, C=8 64 calls
    /// 4.5–4.8 s against 4.7–4.9 s with half the system time, for 3–10 MB more peak RSS.
    /// `LIMN_TRIM_THRESHOLD` (bytes) overrides it.
    public static func keepLargeBuffersMapped() {
        let environment = ProcessInfo.processInfo.environment
        shim_tune_allocator(Int(environment["LIMN_MMAP_THRESHOLD"] ?? "") ?? 8 << 20,
                            Int(environment["LIMN_TRIM_THRESHOLD"] ?? "") ?? 64 << 20)
    }
}
