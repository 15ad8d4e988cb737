import CLuaShim
import Foundation

/// Process-wide settings a long run of large images needs.
public enum ProcessTuning {
    /// Serves allocations of 256 KB and more with their own mappings, returned to the system
    /// when freed. glibc otherwise raises its threshold after the first large free and keeps
    /// freed image buffers in its heap: a loop of 16 MB images then holds hundreds of MB.
    public static func keepLargeBuffersMapped() {
        shim_tune_allocator(Int(ProcessInfo.processInfo.environment["LIMN_MMAP_THRESHOLD"] ?? "") ?? 256 * 1024)
    }
}
