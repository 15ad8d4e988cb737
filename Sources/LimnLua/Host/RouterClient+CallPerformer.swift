import LimnRouter

/// The production performer: the router client, on whatever transport it was given.
extension RouterClient: CallPerformer {}
