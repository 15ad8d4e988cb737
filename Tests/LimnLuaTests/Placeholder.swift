import Testing
@testable import LimnLua
