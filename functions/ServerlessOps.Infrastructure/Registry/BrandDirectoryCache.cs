using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Infrastructure.Registry;

/// <summary>
/// The registry as the webhook edge and the outbound clients read it: one <see cref="RegistrySnapshot"/> in memory,
/// swapped atomically by <see cref="RegistryRefreshService"/> (full load at start, then on every change the change feed
/// shows). Reads cost a field read, so the edge answers as fast as it did when brands were settings. Until the first
/// load succeeds, reads throw <see cref="StoreUnavailableException"/> (the dispatcher answers 503 with Retry-After):
/// "unknown account" would be a false answer while the registry cannot be read.
/// </summary>
public sealed class BrandDirectoryCache : IBrandDirectorySource
{
    private volatile RegistrySnapshot? _snapshot;

    public bool IsLoaded => _snapshot is not null;

    /// <exception cref="StoreUnavailableException">The registry has not been loaded yet.</exception>
    public RegistrySnapshot Snapshot =>
        _snapshot ?? throw new StoreUnavailableException(
            "The brand registry has not been loaded yet (Cosmos DB unreachable since the app started?); retry shortly.",
            StoreUnavailableException.DefaultRetryAfter);

    /// <inheritdoc cref="Snapshot"/>
    public BrandDirectory Current => Snapshot.Directory;

    /// <summary>The newest snapshot, or null before the first load.</summary>
    public RegistrySnapshot? SnapshotOrNull => _snapshot;

    internal void Replace(RegistrySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _snapshot = snapshot;
    }
}
