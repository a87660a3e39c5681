using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Catalog;

/// <summary>Partition keys and ids of the <c>catalog</c> container (Cosmos/README.md lists them).</summary>
internal static class CatalogDocuments
{
    /// <summary>A brand's items, listing lookups, costs and fee schedules: everything ResolveAsync reads.</summary>
    public static string CatalogPartition(string brandId) => $"{brandId}|catalog";

    /// <summary>A brand's import records, apart so listing them never reads the catalog.</summary>
    public static string ImportsPartition(string brandId) => $"{brandId}|imports";

    public static string ItemId(string sku) => CosmosIds.Encode($"item|{sku}");

    public static string ListingId(SalesChannel channel, string channelSku) => CosmosIds.Encode($"listing|{channel.Slug()}|{channelSku}");

    public static string CostsId(string sku) => CosmosIds.Encode($"costs|{sku}");

    public static string FeesId(SalesChannel channel) => $"fees|{channel.Slug()}";

    public static string ImportId(string importId) => CosmosIds.Encode($"import|{importId}");
}
