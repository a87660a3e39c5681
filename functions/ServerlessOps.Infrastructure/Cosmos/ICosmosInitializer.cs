namespace ServerlessOps.Infrastructure.Cosmos;

/// <summary>Prepares the Cosmos database at app start.</summary>
public interface ICosmosInitializer
{
    /// <summary>
    /// With <c>Cosmos__CreateIfMissing=true</c>, creates the database and containers that are missing; otherwise
    /// does nothing (in Azure the Bicep template created them). Idempotent and safe to call concurrently: the
    /// work runs once per process; a failed attempt is not remembered, so the next call tries again.
    /// Throws <see cref="StoreUnavailableException"/> when Cosmos cannot be reached.
    /// </summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);
}
