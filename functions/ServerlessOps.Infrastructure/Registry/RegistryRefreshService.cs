using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Registry;

/// <summary>
/// Keeps <see cref="BrandDirectoryCache"/> true to the registry, in both hosts. At start: seeds the registry from the
/// <c>Brands</c> settings (creates only), fixes the change feed's position, then loads everything; the host serves
/// requests only after that. Then every <see cref="RegistryOptions.ChangeFeedPollInterval"/>: reads the change feed and,
/// when a brand or account document changed (a new ETag), reloads the whole registry (a few single-partition pages)
/// and appends any audit entry a writer failed to append. Any change feed failure, and any
/// <see cref="RegistryOptions.SecretCacheDuration"/> without a reload, triggers a full reload too (the latter picks up
/// new Key Vault versions behind versionless references).
/// </summary>
public sealed class RegistryRefreshService : BackgroundService
{
    private readonly CosmosBrandRegistry _registry;
    private readonly BrandDirectoryCache _cache;
    private readonly RegistryLoader _loader;
    private readonly SettingsRegistrySeed _seed;
    private readonly RegistryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RegistryRefreshService> _logger;
    private readonly RegistryChangeFeed _feed;
    private bool _reloadNeeded = true;

    public RegistryRefreshService(
        CosmosBrandRegistry registry,
        CosmosContainers containers,
        BrandDirectoryCache cache,
        RegistryLoader loader,
        SettingsRegistrySeed seed,
        IOptions<RegistryOptions> options,
        TimeProvider time,
        ILogger<RegistryRefreshService> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry;
        _cache = cache;
        _loader = loader;
        _seed = seed;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _feed = new RegistryChangeFeed(containers.Registry, time, logger);
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Settings errors (an incomplete account) stop the start, as they always did; an unreachable store does not.
        _seed.ValidateSettings();
        try
        {
            await _seed.SeedAsync(cancellationToken);
            await ReloadAsync("start", cancellationToken);
        }
        catch (Exception e) when (e is StoreUnavailableException or InvalidOperationException)
        {
            _logger.DirectoryLoadFailed("start", e);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.ChangeFeedPollInterval, _time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (Exception e) when (e is StoreUnavailableException or InvalidOperationException)
            {
                _logger.ChangeFeedFailed(e);
                _reloadNeeded = true;
            }
        }
    }

    /// <summary>One poll: a pending full reload, else the change feed; reloads when something really changed.</summary>
    internal async Task PollAsync(CancellationToken cancellationToken)
    {
        if (_reloadNeeded || _cache.SnapshotOrNull is not { } snapshot)
        {
            await ReloadAsync("retry after a failure", cancellationToken);
            return;
        }

        var changes = await _feed.ReadChangesAsync(cancellationToken);

        // The feed may repeat documents (and the local emulator repeats all of them): a change is a new ETag.
        var changed = changes
            .Where(d => d.Pk == RegistryDocument.DirectoryPartition
                && !(d.ETag is not null && snapshot.Versions.TryGetValue(d.Id, out var loaded) && loaded == d.ETag))
            .ToList();
        if (changed.Count > 0)
        {
            _logger.ChangesSeen(changed.Count);
            foreach (var entry in changed.Select(d => d.Change).OfType<Domain.Brands.RegistryAuditEntry>())
            {
                await _registry.EnsureAuditedAsync(entry, cancellationToken);
            }

            await ReloadAsync("changed", cancellationToken);
        }
        else if (_time.GetUtcNow() - snapshot.LoadedAt >= _options.SecretCacheDuration)
        {
            await ReloadAsync("secret refresh", cancellationToken);
        }
    }

    private async Task ReloadAsync(string reason, CancellationToken cancellationToken)
    {
        _reloadNeeded = true;
        _feed.StartNow();
        await _loader.ReloadAsync(reason, cancellationToken);
        _reloadNeeded = false;
    }
}
