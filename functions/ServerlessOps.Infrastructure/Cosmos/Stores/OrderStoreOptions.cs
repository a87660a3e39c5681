namespace ServerlessOps.Infrastructure.Cosmos.Stores;

/// <summary>The order store's settings (section <c>Orders</c>).</summary>
public sealed class OrderStoreOptions
{
    public const string SectionName = "Orders";

    /// <summary>
    /// Move every configured brand's orders out of the brand-partitioned layout once the app has started (in the
    /// background; reads find unmoved orders meanwhile). Default true. Off, the admin endpoint
    /// <c>POST /api/brands/{brandId}/orders/repartition</c> moves a brand's on demand, and reads still move each order
    /// they touch.
    /// </summary>
    public bool MigrateAtStart { get; set; } = true;
}
