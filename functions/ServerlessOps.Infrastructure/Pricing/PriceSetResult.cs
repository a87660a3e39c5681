using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>
/// What a price-set did: one of not found, invalid, refused (breach without override, nothing pushed), stale (the version
/// named in If-Match is no longer current: nothing pushed or recorded) or pushed.
/// </summary>
public sealed record PriceSetResult
{
    public required string Status { get; init; }

    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    public IReadOnlyList<PriceSetChannelCheck> Checks { get; init; } = [];

    public IReadOnlyList<PriceSetListingOutcome> Listings { get; init; } = [];

    /// <summary>The override audit entry, when an override was used.</summary>
    public PriceOverrideDocument? Override { get; init; }

    /// <summary>The SKU's price version (bare ETag) after the set: the one it took, or the current one when stale.</summary>
    public string? ETag { get; init; }

    /// <summary>When stale: the SKU's prices as they are now (who set or showed what, and when).</summary>
    public SkuPriceState? Current { get; init; }

    public const string NotFoundStatus = "not-found";
    public const string InvalidStatus = "invalid";
    public const string RefusedStatus = "refused";
    public const string PushedStatus = "pushed";
    public const string StaleStatus = "stale";
}
