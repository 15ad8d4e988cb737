import Testing
@testable import LimnHTTP
