using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Review.Data;

/// <summary>
/// One day of one ad campaign on a channel, as the ad-spend import brings it: what was spent and what the channel
/// attributes to it. Amounts in <paramref name="Currency"/>, unrounded as imported.
/// </summary>
/// <param name="Sku">The catalog SKU the campaign advertises; null for a campaign over many SKUs.</param>
/// <param name="SourceRow">Where it came from, for evidence: <c>import:{id}:line:{n}</c>.</param>
public sealed record AdSpendDay(
    string BrandId,
    DateOnly Day,
    SalesChannel Channel,
    string Campaign,
    string? Sku,
    decimal Spend,
    decimal AttributedSales,
    int AttributedUnits,
    string Currency,
    string SourceRow);
