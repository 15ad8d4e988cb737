import CLuaShim
import Foundation

/// Process-wide settings a long run of large images needs.
public enum ProcessTuning {
    /// Serves allocations of 4 MB and more (an image's bytes or pixels) with their own mappings,
    /// returned to the system when freed. glibc otherwise raises its threshold after the first
    /// large free and keeps freed image buffers in its heap: a loop of 2048×2048 images then held
    /// over 300 MB. Since a received image is held once, as its decoded bytes, those buffers are
    /// what the peak is made of: at 4 MB instead of 8 MB the C=8 benchmark of 64 1536x1024
    /// images peaks at 76–83 MB instead of 97–104 MB, for 2–4% more wall time (page faults on
    /// each fresh buffer; docs/performance.md, 2026-12-07). `LIMN_MMAP_THRESHOLD` (bytes)
    /// overrides it.
    ///
    /// Freed heap memory up to 64 MB stays mapped for the next call instead of glibc's 128 KB, so
    /// the smaller buffers of each call are not fresh pages the kernel must clear again
    /// (measured 2026-12-07: C=1 2.09 s against 2.22 s, half the system time at C=8).
    /// `LIMN_TRIM_THRESHOLD` (bytes) overrides it.
    public static func keepLargeBuffersMapped() {
        // getenv, not ProcessInfo: this runs first thing, and ProcessInfo builds a dictionary of
        // the whole environment on each read.
        func bytes(_ name: String) -> Int? { getenv(name).flatMap { Int(String(cString: $0)) } }
        shim_tune_allocator(bytes("LIMN_MMAP_THRESHOLD") ?? 4 << 20, bytes("LIMN_TRIM_THRESHOLD") ?? 64 << 20)
    }
}
