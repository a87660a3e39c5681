using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Catalog;

/// <summary>
/// The lookup of one channel SKU: id <c>listing|{channel}|{channelSku}</c>, partition <c>{brandId}|catalog</c>. It carries
/// what an order line needs besides the cost (SKU, stock location, category, currency, MAP), copied from the item by the
/// same import that writes the item, so resolving a line is one point read.
/// </summary>
public sealed class CatalogListingDocument
{
    public const string DocumentType = "catalogListing";

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = 1;

    public required SalesChannel Channel { get; init; }

    public required string ChannelSku { get; init; }

    /// <summary>The catalog SKU it maps to.</summary>
    public required string Sku { get; init; }

    public required ChannelListing Listing { get; init; }

    public string? Category { get; init; }

    public required string Currency { get; init; }

    public decimal? MinimumAdvertisedPrice { get; init; }

    public required string ImportId { get; init; }
}
