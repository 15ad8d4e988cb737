import Testing
@testable import LimnHistory
