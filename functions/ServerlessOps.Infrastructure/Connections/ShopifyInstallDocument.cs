using System.Text.Json.Serialization;

namespace ServerlessOps.Infrastructure.Connections;

/// <summary>
/// A Shopify connection an admin started for a shop not yet in the registry, in container <c>channelTokens</c> under id
/// and partition <c>install:shopify:{shop}</c>: when Shopify opens the app launch URL for that shop (the merchant
/// installs from the store), the install is bound to this brand. A shop neither registered nor started is refused, so no
/// shop can attach itself to a brand.
/// </summary>
public sealed record ShopifyInstallDocument
{
    public const string DocumentType = "shopifyInstall";

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public string Type { get; init; } = DocumentType;

    public required string Shop { get; init; }

    public required string BrandId { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Seconds Cosmos DB keeps it after its last write: a day past <see cref="ExpiresAt"/> (see <see cref="ConnectionStateDocument.TimeToLiveSeconds"/>).</summary>
    [JsonPropertyName("ttl")]
    public int? TimeToLiveSeconds { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string DocumentId(string shop) => "install:shopify:" + shop;
}
