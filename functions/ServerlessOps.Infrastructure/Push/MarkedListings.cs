using System.Collections.Concurrent;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// Listings this process saw dirty with a push not yet claimable (<see cref="ListingPushDocument.ClaimableFrom"/>). Until
/// that instant no worker may claim them, so they stay dirty and the claim that comes after reads the balance after any
/// change made now: a mark meanwhile has nothing to do, and the marker skips reading the listing's push state (four
/// Cosmos reads per ledger change of a SKU with four listings; README.md).
/// <para>
/// Trust ends <see cref="ClockTolerance"/> before the claimable instant, which another process's clock may have set and
/// a third process's clock enforces: clocks may disagree by less than that. Process-local and bounded: a listing
/// forgotten costs only the read the marker made before.
/// </para>
/// </summary>
public sealed class MarkedListings
{
    /// <summary>Listings remembered at most; past it, expired ones are dropped, and all if none has expired.</summary>
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<(string BrandId, string Sku, SalesChannel Channel, string ChannelSku), DateTimeOffset> _quietUntil = new();

    /// <summary>
    /// How much the processes' clocks may disagree: marks stop trusting a listing this long before it is claimable, and
    /// a worker whose message arrives at most this early waits instead of queueing it again.
    /// </summary>
    public static TimeSpan ClockTolerance(TimeSpan coalesceDelay) => coalesceDelay * 0.25;

    public int Count => _quietUntil.Count;

    /// <summary>Remembers a listing seen dirty and not claimable before <paramref name="claimableFrom"/>.</summary>
    public void Remember(string brandId, string sku, SalesChannel channel, string channelSku, DateTimeOffset claimableFrom, TimeSpan coalesceDelay, DateTimeOffset now)
    {
        var quietUntil = claimableFrom - ClockTolerance(coalesceDelay);
        if (quietUntil <= now)
        {
            return;
        }

        if (_quietUntil.Count >= Capacity)
        {
            Forget(now);
        }

        _quietUntil.AddOrUpdate((brandId, sku, channel, channelSku), quietUntil, (_, known) => known > quietUntil ? known : quietUntil);
    }

    /// <summary>True while a mark of the listing has nothing to do: it is dirty, and no claim can have started.</summary>
    public bool IsQuiet(string brandId, string sku, SalesChannel channel, string channelSku, DateTimeOffset now) =>
        _quietUntil.TryGetValue((brandId, sku, channel, channelSku), out var until) && now < until;

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, until) in _quietUntil)
        {
            if (until <= now)
            {
                _quietUntil.TryRemove(key, out _);
            }
        }

        if (_quietUntil.Count >= Capacity)
        {
            // Only possible with more than Capacity listings marked within one coalescing delay: start again.
            _quietUntil.Clear();
        }
    }
}
