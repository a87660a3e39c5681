using System.Text.Json.Serialization;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>
/// The audit of one override: who pushed a price below the guardrail, when, where, at which floors and why. Container
/// <c>inventoryLedger</c>, partition <c>{brandId}#price-overrides</c> (one per brand: the audit route is one
/// single-partition query; meets neither SKU balances, which have <c>|</c>, nor <c>#drift</c>/<c>#pushes</c>), id
/// <c>override|{at ticks}|{sku}</c>. Never changed after it is written. Beside it, one
/// <see cref="PriceOverrideCurrent"/> per SKU and channel says which overridden price is live, so an observed price
/// equal to it is not alerted.
/// </summary>
public sealed record PriceOverrideDocument
{
    public const string DocumentType = "priceOverride";

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = 1;

    public required string Sku { get; init; }

    public required decimal Price { get; init; }

    public required string Currency { get; init; }

    /// <summary>Every channel the price was pushed to, with its floor and breach.</summary>
    public required IReadOnlyList<PriceOverrideChannel> Channels { get; init; }

    public required string Reason { get; init; }

    /// <summary>The signed-in caller's name.</summary>
    public required string By { get; init; }

    public required DateTimeOffset At { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string PartitionKeyFor(string brandId) => $"{brandId}#price-overrides";

    public static string IdFor(DateTimeOffset at, string sku) => $"override|{at.UtcTicks:D20}|{CosmosIds.Encode(sku)}";
}

/// <summary>The overridden price live on one channel listing of a SKU (id <c>current|{channel}|{sku}</c>, same partition), replaced by every override.</summary>
public sealed record PriceOverrideCurrent
{
    public const string DocumentType = "priceOverrideCurrent";

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required string Sku { get; init; }

    public required SalesChannel Channel { get; init; }

    public required decimal Price { get; init; }

    public required string Reason { get; init; }

    public required string By { get; init; }

    public required DateTimeOffset At { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string IdFor(SalesChannel channel, string sku) => $"current|{channel.Slug()}|{CosmosIds.Encode(sku)}";
}
