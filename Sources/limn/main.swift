import ArgumentParser
import Foundation

// Exit codes (DESIGN §6): 0 success, 1 script or test failure, 2 usage or config error,
// 130 interrupted. ArgumentParser's own usage errors are mapped to 2.
LimnCommand.main(CommandLine.arguments.dropFirst().map { $0 })
