using ServerlessOps.Infrastructure.Pricing;

namespace ServerlessOps.Functions.Api.Prices;

/// <summary>One override of the pricing guardrail: who, when, which SKU and channels (with the floor on each), the price and why.</summary>
public sealed record PriceOverrideView(string Id, string Sku, decimal Price, string Currency, IReadOnlyList<PriceOverrideChannel> Channels, string Reason, string By, DateTimeOffset At)
{
    public static PriceOverrideView From(PriceOverrideDocument entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new PriceOverrideView(entry.Id, entry.Sku, entry.Price, entry.Currency, entry.Channels, entry.Reason, entry.By, entry.At);
    }
}

/// <summary>The answer of <c>GET /api/brands/{brandId}/price-overrides</c>: newest first.</summary>
public sealed record PriceOverridesView(string BrandId, IReadOnlyList<PriceOverrideView> Overrides);
