using System.Threading.RateLimiting;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// The token buckets of every seller account and operation this process calls, shared by all Amazon clients (order
/// reads, the backstop's listing, pushes, prices, read-backs). A call waits for a token while at most one burst's worth
/// of calls is waiting already; past that it is refused at once, so nothing queues without bound.
/// </summary>
/// <remarks>
/// Per process: with several instances of the app each paces its own calls, so a busy account can still meet Amazon's
/// 429, which the retry pipeline honours; a shared bucket (e.g. in Redis) would be the next step if that shows.
/// </remarks>
public sealed class AmazonUsagePlans : IDisposable, IAsyncDisposable
{
    private readonly PartitionedRateLimiter<(string Account, AmazonUsagePlan Plan)> _buckets =
        PartitionedRateLimiter.Create<(string Account, AmazonUsagePlan Plan), (string, string)>(key =>
            RateLimitPartition.GetTokenBucketLimiter((key.Account, key.Plan.Operation), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = key.Plan.Burst,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = key.Plan.RefillEvery,
                AutoReplenishment = true,
                QueueLimit = key.Plan.Burst,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }));

    /// <summary>A token of <paramref name="plan"/> for <paramref name="account"/>, waiting for one if need be; check <see cref="RateLimitLease.IsAcquired"/>.</summary>
    internal ValueTask<RateLimitLease> AcquireAsync(string account, AmazonUsagePlan plan, CancellationToken cancellationToken) =>
        _buckets.AcquireAsync((account, plan), 1, cancellationToken);

    /// <summary>The bucket of <paramref name="account"/> and <paramref name="plan"/>: its tokens left and the leases it granted.</summary>
    internal RateLimiterStatistics? StatisticsOf(string account, AmazonUsagePlan plan) => _buckets.GetStatistics((account, plan));

    // Both, so a container disposed either way can dispose it.
    public void Dispose() => _buckets.Dispose();

    public ValueTask DisposeAsync() => _buckets.DisposeAsync();
}
