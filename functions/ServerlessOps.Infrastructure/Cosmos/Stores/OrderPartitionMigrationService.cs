using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Infrastructure.Cosmos.Stores;

/// <summary>
/// Moves every brand's orders out of the brand-partitioned layout once the app has started
/// (<see cref="OrderStoreOptions.MigrateAtStart"/>), brand after brand, in the background: the move is idempotent and
/// resumable, so every instance may run it, a restart simply runs it again, and a brand already moved costs one query.
/// Outages are waited out with a growing pause; an order that cannot be moved is logged and left for the admin endpoint.
/// </summary>
internal sealed class OrderPartitionMigrationService(
    IServiceProvider services,
    CosmosOrderStore store,
    ICosmosInitializer cosmos,
    IOptions<OrderStoreOptions> options,
    TimeProvider time,
    ILogger<OrderPartitionMigrationService> logger) : BackgroundService
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.MigrateAtStart)
        {
            return;
        }

        var pause = FirstPause;
        var pending = new Queue<string>();
        var listed = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!listed)
                {
                    await cosmos.InitializeAsync(stoppingToken);
                    foreach (var brandId in BrandIds())
                    {
                        pending.Enqueue(brandId);
                    }

                    listed = true;
                }

                while (pending.TryPeek(out var brandId))
                {
                    await store.MoveLegacyOrdersAsync(brandId, stoppingToken);
                    pending.Dequeue();
                    pause = FirstPause;
                }

                return;
            }
            catch (StoreUnavailableException e)
            {
                logger.MigrationWaiting(pending.Count, pause, e);
                await Task.Delay(pause, time, stoppingToken);
                pause = TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, pause.Ticks * 2));
            }
        }
    }

    /// <summary>The brands of the newest directory: the registry's snapshot where there is one, else the configured one.</summary>
    private IEnumerable<string> BrandIds()
    {
        var directory = services.GetService<IBrandDirectorySource>()?.Current ?? services.GetService<BrandDirectory>() ?? BrandDirectory.Empty;
        return directory.Brands.Keys.Concat(directory.All.Select(r => r.Account.BrandId)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
    }
}
