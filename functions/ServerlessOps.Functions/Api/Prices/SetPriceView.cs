using ServerlessOps.Infrastructure.Pricing;

namespace ServerlessOps.Functions.Api.Prices;

/// <summary>What a price-set did: the guardrail per chosen channel, each listing's push and the channel's answer, and the override entry when one was used.</summary>
/// <param name="Pushed">Listings the channels accepted.</param>
/// <param name="Failed">Listings that failed (refused, unavailable after retries, no account).</param>
public sealed record SetPriceView(
    string BrandId,
    string Sku,
    decimal Price,
    string Currency,
    int Pushed,
    int Failed,
    IReadOnlyList<PriceCheckView> Checks,
    IReadOnlyList<PriceListingView> Listings,
    PriceOverrideView? Override)
{
    public static SetPriceView From(string brandId, string sku, decimal price, string currency, PriceSetResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new SetPriceView(
            brandId, sku, price, currency.ToUpperInvariant(),
            result.Listings.Count(l => l.Pushed), result.Listings.Count(l => !l.Pushed),
            [.. result.Checks.Select(PriceCheckView.From)],
            [.. result.Listings.Select(l => new PriceListingView(l.Channel.ToString(), l.ChannelSku, l.Price, l.Overridden, l.Outcome, l.RequestId, l.Note, l.Error))],
            result.Override is { } entry ? PriceOverrideView.From(entry) : null);
    }
}

/// <summary>
/// The guardrail on one channel: floor, the price, fees, contribution per unit and the breaches (empty when it passes), and
/// the fixed fees in another currency that the fees leave out (empty when none).
/// </summary>
public sealed record PriceCheckView(string Channel, decimal Price, decimal? Floor, decimal Fees, decimal? Contribution, IReadOnlyList<string> Breaches, IReadOnlyList<string> FeesLeftOut)
{
    public static PriceCheckView From(PriceSetChannelCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return new PriceCheckView(check.Channel.ToString(), check.Price, check.Floor, check.Fees, check.Contribution, check.Breaches, check.FeesLeftOut);
    }
}

/// <summary>One listing's push: <c>pushed</c>, <c>failed</c> or <c>no-account</c>, with the channel's request id, note or error.</summary>
public sealed record PriceListingView(string Channel, string ChannelSku, decimal Price, bool Overridden, string Outcome, string? RequestId, string? Note, string? Error);
