import Testing
@testable import LimnOffline
