using ServerlessOps.Infrastructure.Pricing;

namespace ServerlessOps.Functions.Api.Prices;

/// <summary>
/// A SKU's prices as a price-set changes them: the newest price known per listing (a set a channel took, or our own
/// price in a webhook) and the last set started, at the version <paramref name="ETag"/> (also the <c>ETag</c> header) to
/// send as <c>If-Match</c> with a set decided on them.
/// </summary>
public sealed record SkuPricesView(string BrandId, string Sku, string ETag, IReadOnlyList<SkuListingPriceView> Listings, SkuPriceSetView? LastSet)
{
    public static SkuPricesView From(SkuPriceState state, string etag)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new SkuPricesView(
            state.BrandId,
            state.Sku,
            etag,
            [.. state.Listings.OrderBy(l => l.Channel).ThenBy(l => l.ChannelSku, StringComparer.Ordinal)
                .Select(l => new SkuListingPriceView(l.Channel.ToString(), l.ChannelSku, l.Price, l.Currency, l.At, l.Source))],
            state.LastSet is { } set ? new SkuPriceSetView(set.Price, set.Currency, set.Channels, set.By, set.At) : null);
    }
}

/// <summary>One listing's newest known price: when the channel showed it (or the set it took started) and from where (<c>webhook</c>, <c>price-set by {who}</c>).</summary>
public sealed record SkuListingPriceView(string Channel, string ChannelSku, decimal Price, string? Currency, DateTimeOffset At, string Source);

/// <summary>The last price-set started on the SKU: what, on which channels, who and when (whether each channel took it: the listings say).</summary>
public sealed record SkuPriceSetView(decimal Price, string Currency, IReadOnlyList<string> Channels, string By, DateTimeOffset At);
