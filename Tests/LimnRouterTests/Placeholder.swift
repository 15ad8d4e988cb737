import Testing
@testable import LimnRouter
