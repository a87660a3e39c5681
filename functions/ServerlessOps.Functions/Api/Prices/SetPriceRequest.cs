namespace ServerlessOps.Functions.Api.Prices;

/// <summary>Body of <c>POST /api/brands/{brandId}/catalog/{sku}/price</c>.</summary>
public sealed record SetPriceRequest
{
    /// <summary>The unit price, more than zero, at most two decimals (none in a currency without a minor unit, such as JPY).</summary>
    public decimal? Price { get; init; }

    /// <summary>ISO 4217; must be the catalog item's currency.</summary>
    public string? Currency { get; init; }

    /// <summary>Channel slugs (<c>shopify</c>, <c>amazon</c>, <c>walmart</c>, <c>tiktok</c>), at least one, each once: only these listings are changed.</summary>
    public IReadOnlyList<string>? Channels { get; init; }

    /// <summary>Accepts pushing a price that breaches the guardrail; recorded in the override audit.</summary>
    public SetPriceOverride? Override { get; init; }
}

/// <summary>An override of the pricing guardrail: why (required, 1-500 characters).</summary>
public sealed record SetPriceOverride
{
    public string? Reason { get; init; }
}
