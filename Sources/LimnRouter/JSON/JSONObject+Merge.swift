extension JSONObject {
    /// Merges `other` into self recursively: where both hold an object the two are merged, anywhere
    /// else `other`'s value wins (so `extra={generationConfig={imageConfig=…}}` keeps the modalities).
    public mutating func deepMerge(_ other: JSONObject) {
        for (key, value) in other.entries {
            if case .object(let incoming) = value, case .object(var existing)? = self[key] {
                existing.deepMerge(incoming)
                self[key] = .object(existing)
            } else {
                self[key] = value
            }
        }
    }
}
