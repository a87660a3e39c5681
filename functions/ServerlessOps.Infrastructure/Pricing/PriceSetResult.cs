using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>What a price-set did: one of not found, invalid, refused (breach without override, nothing pushed) or pushed.</summary>
public sealed record PriceSetResult
{
    public required string Status { get; init; }

    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    public IReadOnlyList<PriceSetChannelCheck> Checks { get; init; } = [];

    public IReadOnlyList<PriceSetListingOutcome> Listings { get; init; } = [];

    /// <summary>The override audit entry, when an override was used.</summary>
    public PriceOverrideDocument? Override { get; init; }

    public const string NotFoundStatus = "not-found";
    public const string InvalidStatus = "invalid";
    public const string RefusedStatus = "refused";
    public const string PushedStatus = "pushed";
}
