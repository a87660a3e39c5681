namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>
/// A price-set as it claimed the SKU's price version, before it pushed anything: it may since have been taken by every
/// channel, some or none (the listings' prices say which took it).
/// </summary>
/// <param name="Channels">The channel slugs chosen.</param>
/// <param name="By">The signed-in caller's name.</param>
public sealed record SkuPriceSetMark(decimal Price, string Currency, IReadOnlyList<string> Channels, string By, DateTimeOffset At);
