using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace ServerlessOps.Infrastructure.Cosmos.Documents;

/// <summary>
/// Where an order is filed, for reads by order id alone (the order API, a Shopify refund or fulfilment naming only its
/// order): container <c>orders</c>, type <c>orderLocator</c>, id = the order's id (escaped), partition
/// <c>{brandId}|locator|{bucket}</c> with the bucket (<c>0</c>-<c>f</c>) the first hex digit of the SHA-256 of the order
/// id, so it is found by a point read and a brand's locators (a few hundred bytes each) spread over 16 partitions:
/// about 900 million orders per brand before any of them nears 20 GB. Written once, before the order, and changed only
/// when it names a month its order never reached (the create died between its two writes) and is older than
/// <c>CosmosOrderStore.LocatorGrace</c>: a create for another month then takes it over under its ETag.
/// </summary>
public sealed class OrderLocatorDocument
{
    public const string DocumentType = "orderLocator";
    public const int CurrentSchemaVersion = 1;

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The order's id, unescaped.</summary>
    public required string OrderId { get; init; }

    /// <summary>The partition the order document lives in (<see cref="OrderDocument.PartitionKeyFor(string, DateTimeOffset)"/>).</summary>
    public required string OrderPk { get; init; }

    /// <summary>When the create that wrote it began (its clock); null on locators written before 2026-12-07.</summary>
    public DateTimeOffset? FiledAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string PartitionKeyFor(string brandId, string orderId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var bucket = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(orderId)))[0];
        return $"{brandId}|locator|{bucket}";
    }

    public static OrderLocatorDocument For(string brandId, string orderId, string orderPk, DateTimeOffset filedAt) => new()
    {
        FiledAt = filedAt,
        Id = CosmosIds.Encode(orderId),
        Pk = PartitionKeyFor(brandId, orderId),
        BrandId = brandId,
        OrderId = orderId,
        OrderPk = orderPk,
    };

    public void EnsureReadable() => CosmosValues.EnsureReadable(Id, Type, SchemaVersion, DocumentType, CurrentSchemaVersion);
}
