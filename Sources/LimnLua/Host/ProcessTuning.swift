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
    public static func keepLargeBuffersMapped() {
        shim_tune_allocator(Int(ProcessInfo.processInfo.environment["LIMN_MMAP_THRESHOLD"] ?? "") ?? 8 << 20)
    }
}
