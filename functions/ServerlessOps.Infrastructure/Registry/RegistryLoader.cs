using Microsoft.Extensions.Logging;

namespace ServerlessOps.Infrastructure.Registry;

/// <summary>
/// Loads the whole registry (two single-partition queries), resolves its secrets and swaps the result into
/// <see cref="BrandDirectoryCache"/>. One load at a time, so an older load never overwrites a newer one.
/// <see cref="RegistryRefreshService"/> calls it at start and on changes; the admin API calls it after its own writes,
/// so the instance that made a change serves it at once (the others within a change-feed poll).
/// </summary>
public sealed class RegistryLoader(
    CosmosBrandRegistry registry,
    RegistrySnapshotBuilder builder,
    BrandDirectoryCache cache,
    ILogger<RegistryLoader> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <exception cref="StoreUnavailableException">The registry cannot be read; the cache keeps its snapshot.</exception>
    public async Task ReloadAsync(string reason, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var (brands, accounts) = await registry.LoadDirectoryAsync(cancellationToken);
            cache.Replace(await builder.BuildAsync(brands, accounts, cancellationToken));
            logger.DirectoryLoaded(brands.Count, accounts.Count, reason);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>As <see cref="ReloadAsync"/>, but a failure is logged, not thrown: the change feed reload catches up.</summary>
    public async Task TryReloadAsync(string reason, CancellationToken cancellationToken = default)
    {
        try
        {
            await ReloadAsync(reason, cancellationToken);
        }
        catch (Exception e) when (e is StoreUnavailableException or InvalidOperationException)
        {
            logger.DirectoryLoadFailed(reason, e);
        }
    }

    public void Dispose() => _gate.Dispose();
}
