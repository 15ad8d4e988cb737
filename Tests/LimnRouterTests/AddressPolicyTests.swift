import Foundation
import Testing
@testable import LimnRouter

@Suite struct AddressPolicyTests {
    let policy = AddressPolicy(routerURL: URL(string: "https://203.0.113.7/v1")!)

    @Test(arguments: ["http://127.0.0.1/x.png", "http://10.1.2.3/x", "http://172.20.0.1/x", "http://192.168.1.1/x",
                      "http://169.254.169.254/latest/meta-data", "http://0.0.0.0/x", "http://[::1]/x", "http://[fe80::1]/x",
                      "http://[fd00::1]/x", "http://[::ffff:127.0.0.1]/x", "http://100.64.0.1/x", "http://224.0.0.1/x"])
    func internalAddressesAreRefused(_ url: String) {
        #expect(policy.refusal(for: URL(string: url)!) != nil)
    }

    @Test(arguments: ["https://203.0.113.7/v1/images/x.png", "http://8.8.8.8/x.png", "https://[2001:4860::8888]/x"])
    func publicAddressesAndTheRouterPass(_ url: String) {
        #expect(policy.refusal(for: URL(string: url)!) == nil)
    }

    @Test func otherSchemesAreRefused() {
        #expect(policy.refusal(for: URL(string: "file:///etc/passwd")!) != nil)
        #expect(policy.refusal(for: URL(string: "ftp://8.8.8.8/x")!) != nil)
    }

    @Test func aRouterOnLoopbackKeepsLoopback() {
        let local = AddressPolicy(routerURL: URL(string: "http://127.0.0.1:8080/v1")!)
        #expect(local.refusal(for: URL(string: "http://127.0.0.1:9000/x.png")!) == nil)
        #expect(local.refusal(for: URL(string: "http://10.0.0.1/x.png")!) != nil)
    }
}
