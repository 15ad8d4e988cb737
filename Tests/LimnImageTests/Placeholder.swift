import Testing
@testable import LimnImage
