namespace ServerlessOps.Testing.Faults;

/// <summary>Whose error answers a <see cref="FaultProxy"/> imitates, so the client's own retry logic reads them as the real service's.</summary>
public enum FaultDialect
{
    /// <summary>Azure Storage (Azurite): 500 InternalError, 503 ServerBusy, with <c>x-ms-error-code</c>.</summary>
    Storage,

    /// <summary>Cosmos DB: 429 with <c>x-ms-retry-after-ms</c> and sub-status 3200, 503 ServiceUnavailable, JSON bodies.</summary>
    Cosmos,
}
