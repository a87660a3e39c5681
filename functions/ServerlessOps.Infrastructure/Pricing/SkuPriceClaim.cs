namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>
/// The outcome of a price-set claiming a SKU's price version: won (with the version its write made) or lost to another
/// writer since the version the caller named (with the state as it is now, for the answer).
/// </summary>
public sealed record SkuPriceClaim(bool Won, string? ETag, SkuPriceState? Current);
