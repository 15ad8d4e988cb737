import Testing
@testable import LimnRecord
