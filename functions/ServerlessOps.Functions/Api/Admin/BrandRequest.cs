using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>
/// Body of <c>POST /api/brands</c> (every field but <see cref="GoLive"/> and <see cref="Policy"/> required) and
/// <c>PUT /api/brands/{brandId}</c> (a field left out keeps its value).
/// </summary>
public sealed record BrandRequest
{
    /// <summary>The new brand's id (POST); on PUT, left out or equal to the route's.</summary>
    public string? Id { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>ISO 4217, e.g. USD.</summary>
    public string? BaseCurrency { get; init; }

    /// <summary>IANA time zone id, e.g. America/New_York.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Orders placed before it are history. Default on POST: the moment of creation.</summary>
    public DateTimeOffset? GoLive { get; init; }

    /// <summary>{ "default": "ops@brand.example", "assignments": [{ "signal": "Inventory", "channel": "amazon", "owner": "..." }] }.</summary>
    public BrandOwners? Owners { get; init; }

    /// <summary>Every field optional; a field left out takes its documented default (POST) or keeps its value (PUT).</summary>
    public BrandPolicy? Policy { get; init; }

    /// <summary>The brand this request describes on top of <paramref name="current"/> (null for a new brand).</summary>
    public Brand ToBrand(string id, Brand? current, DateTimeOffset now) => new(
        id,
        DisplayName ?? current?.DisplayName ?? string.Empty,
        BaseCurrency ?? current?.BaseCurrency ?? string.Empty,
        TimeZone ?? current?.TimeZone ?? string.Empty,
        GoLive ?? current?.GoLive ?? now,
        Owners ?? current?.Owners!,
        Policy ?? current?.Policy ?? BrandPolicy.Default);
}
