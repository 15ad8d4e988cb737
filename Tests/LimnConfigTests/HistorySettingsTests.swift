import Foundation
import LimnRouter
import Testing
@testable import LimnConfig

@Suite("limn.toml: [history]")
struct HistorySettingsTests {
    @Test func defaultsKeepNoOfflineImagesAndCapAt2GB() throws {
        let config = try configuration()
        #expect(config.history.offline.value == false)
        #expect(config.history.maxSize.value == 2 << 30)
        #expect(config.describe().first { $0.key == "history.max_size" }?.value == "2 GB")
    }

    @Test func bothKeysAreRead() throws {
        let config = try configuration(toml: "[history]\noffline = true\nmax_size = \"500M\"\n")
        #expect(config.history.offline.value == true)
        #expect(config.history.maxSize.value == 500 << 20)
        #expect(config.history.maxSize.source == .file(path: "/project/limn.toml", line: 3))
    }

    @Test("bad values name the key and the line",
          arguments: [("offline = \"yes\"", "history.offline must be true or false"),
                      ("max_size = \"10K\"", "history.max_size must be a size of at least 1M"),
                      ("max_sise = \"1G\"", "unknown key 'max_sise' in [history]; did you mean 'max_size'?")])
    func badValues(line: String, message: String) {
        let error = configError { _ = try ConfigFile.parse("[history]\n\(line)\n", path: "/p/limn.toml") }
        #expect(error?.message.hasPrefix(message) == true, "\(String(describing: error))")
        #expect(error?.source == .file(path: "/p/limn.toml", line: 2))
    }

    @Test func aSandboxedRecipesFileMayNotTouchTheHistory() throws {
        let file = try ConfigFile.parse("[history]\nmax_size = \"1M\"\n", path: "/p/limn.toml")
        let error = configError { try file.checkSandboxed() }
        #expect(error?.message.contains("may not set history.max_size") == true, "\(String(describing: error))")
    }
}
