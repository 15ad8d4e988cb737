import Foundation
import Testing
@testable import LimnRouter

@Suite struct RouterClientOriginTests {
    @Test func theKeyGoesOnlyToTheRoutersOwnOrigin() {
        let router = URL(string: "https://api.example.com/v1")!
        #expect(RouterClient.sameOrigin(URL(string: "https://api.example.com/files/a.png")!, router))
        #expect(RouterClient.sameOrigin(URL(string: "https://API.example.com:443/files/a.png")!, router))
        #expect(!RouterClient.sameOrigin(URL(string: "http://api.example.com/files/a.png")!, router), "plain http on the same host")
        #expect(!RouterClient.sameOrigin(URL(string: "https://api.example.com:8443/a.png")!, router), "another port")
        #expect(!RouterClient.sameOrigin(URL(string: "https://cdn.example.com/a.png")!, router), "another host")
        #expect(!RouterClient.sameOrigin(URL(string: "https://api.example.com.evil.test/a.png")!, router))
    }
}
