import LimnRouter

extension ConfigFileReader {
    static let priceKeys = ["per_image", "sizes", "input_per_million", "output_per_million"]

    /// `[prices."gpt-image-1"]`: `per_image = 0.04`, `sizes = { "1536x1024" = 0.06 }`,
    /// `input_per_million = 5.0`, `output_per_million = 40.0` (in the user's currency).
    func pricesSection(_ node: TOMLNode, into file: inout ConfigFile) throws(ConfigError) {
        guard case .table(let models) = node else {
            throw ConfigError(.wrongType, "prices must be a table of models ([prices.\"gpt-image-1\"]); found \(node.typeDescription)",
                              source: source(["prices"]), key: "prices")
        }
        for (model, value) in models.sorted(by: { $0.key < $1.key }) {
            let base = ["prices", model]
            let name = "prices.\"\(model)\""
            guard case .table(let table) = value else {
                throw ConfigError(.wrongType, "\(name) must be a table such as { per_image = 0.04 }; found \(value.typeDescription)",
                                  source: source(base), key: name)
            }
            for key in table.keys.sorted() where !Self.priceKeys.contains(key) {
                throw ConfigError(.unknownKey, "unknown key '\(key)' in [\(name)]\(Suggestion.clause(for: key, in: Self.priceKeys)) (known keys: \(Self.priceKeys.joined(separator: ", ")))",
                                  source: source(base + [key]), key: "\(name).\(key)")
            }
            func price(_ node: TOMLNode, _ keyPath: [String], _ shown: String) throws(ConfigError) -> Double {
                let number: Double? = switch node {
                case .int(let n): Double(n)
                case .double(let d): d
                default: nil
                }
                guard let number, number >= 0, number.isFinite else {
                    throw ConfigError(number == nil ? .wrongType : .invalidValue, "\(shown) must be a price of 0 or more, such as 0.04",
                                      source: source(keyPath), key: shown)
                }
                return number
            }
            var entry = PriceTable.Entry(pattern: model, source: source(base))
            if let v = table["per_image"] { entry.perImage = try price(v, base + ["per_image"], "\(name).per_image") }
            if let v = table["input_per_million"] { entry.perMillionInput = try price(v, base + ["input_per_million"], "\(name).input_per_million") }
            if let v = table["output_per_million"] { entry.perMillionOutput = try price(v, base + ["output_per_million"], "\(name).output_per_million") }
            if let v = table["sizes"] {
                guard case .table(let sizes) = v else {
                    throw ConfigError(.wrongType, "\(name).sizes must be a table such as { \"1024x1024\" = 0.04 }", source: source(base + ["sizes"]), key: "\(name).sizes")
                }
                for (size, p) in sizes {
                    entry.perSize[size] = try price(p, base + ["sizes", size], "\(name).sizes.\"\(size)\"")
                }
            }
            file.prices[model] = entry
        }
    }
}
