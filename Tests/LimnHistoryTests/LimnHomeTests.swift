import Foundation
import Testing
@testable import LimnHistory

@Suite struct LimnHomeTests {
    @Test func limnHomeWinsOverXDGAndHome() {
        let env = ["LIMN_HOME": "/srv/limn", "XDG_DATA_HOME": "/data", "HOME": "/home/ann"]
        #expect(LimnHome.resolve(environment: env).path == "/srv/limn")
    }

    @Test func xdgDataHomeIsUsedNext() {
        let env = ["LIMN_HOME": "", "XDG_DATA_HOME": "/data", "HOME": "/home/ann"]
        #expect(LimnHome.resolve(environment: env).path == "/data/limn")
    }

    @Test func relativeXDGDataHomeIsIgnored() {
        let env = ["XDG_DATA_HOME": "data", "HOME": "/home/ann"]
        #expect(LimnHome.resolve(environment: env).path == "/home/ann/.local/share/limn")
    }

    @Test func defaultsToLocalShareUnderHome() {
        #expect(LimnHome.resolve(environment: ["HOME": "/home/ann"]).path == "/home/ann/.local/share/limn")
    }

    @Test func tildeInLimnHomeIsExpanded() {
        #expect(LimnHome.resolve(environment: ["LIMN_HOME": "~/limn", "HOME": "/home/ann"]).path == "/home/ann/limn")
    }
}
