import LimnRouter

extension RetrySettings {
    /// The router's retry policy with these settings (full jitter, `Retry-After` honoured).
    public var policy: RetryPolicy {
        RetryPolicy(maxRetries: count.value, baseDelay: base.value, maxDelay: cap.value)
    }
}

extension LimnConfiguration {
    /// A client for the configured provider over `transport` (the CLI passes the offline router's
    /// transport when `isOffline`, the live one otherwise), with the route table, retries and call
    /// timeout in force. The connect timeout and concurrency belong to the transport and the run.
    public func routerClient(transport: any Transport, onEvent: @escaping @Sendable (ClientEvent) -> Void = { _ in }) -> RouterClient {
        var client = RouterClient(provider: provider.provider, transport: transport, routes: routeTable, retry: retries.policy,
                                  limits: limits.routerLimits, builder: RequestBuilder(defaultTimeout: timeouts.call.value), onEvent: onEvent)
        client.downloadConcurrency = concurrency.value
        return client
    }
}

extension RouterProbe {
    /// A probe with this configuration's route table, concurrency and key (for masking).
    public init(configuration: LimnConfiguration, models: [String] = RouterProbe.defaultModels, allRoutes: Bool = false) {
        self.init(models: models, routes: configuration.routeTable, allRoutes: allRoutes,
                  concurrency: configuration.concurrency.value,
                  secrets: configuration.provider.apiKey.map { [$0.value] } ?? [])
    }
}
