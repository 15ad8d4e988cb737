import Testing
@testable import LimnConfig
