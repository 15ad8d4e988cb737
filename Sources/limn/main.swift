import ArgumentParser
import LimnLua
import Foundation

// Exit codes (DESIGN §6): 0 success, 1 script or test failure, 2 usage or config error,
// 130 interrupted. ArgumentParser's own usage errors are mapped to 2.
// Big buffers (image bodies, pixels) come and go by the megabyte; keep them out of malloc's
// arenas so freeing one returns its memory to the system at once (glibc would otherwise raise
// its mmap threshold after the first free and hold freed image buffers in the heap).
ProcessTuning.keepLargeBuffersMapped()
LimnCommand.main(CommandLine.arguments.dropFirst().map { $0 })
