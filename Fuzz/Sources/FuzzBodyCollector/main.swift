import Foundation
import FuzzDriver

exit(limn_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv))
