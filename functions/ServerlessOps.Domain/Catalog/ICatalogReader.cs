using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Catalog;

/// <summary>
/// What an order flow needs from a brand's catalog in one call: each line's catalog SKU, stock location, MAP and
/// unit cost at the order's time, and the channel's fee schedule then. One call per order so the flow's validate
/// step stays one activity whatever the number of lines.
/// </summary>
public interface ICatalogReader
{
    /// <summary>
    /// Resolves <paramref name="channelSkus"/> (the SKUs the channel reported on an order's lines) on
    /// <paramref name="channel"/> for <paramref name="brandId"/>, with costs and fees effective at <paramref name="at"/>.
    /// SKUs the catalog does not map are listed in <see cref="CatalogResolution.Unmapped"/>, never thrown.
    /// </summary>
    Task<CatalogResolution> ResolveAsync(
        string brandId,
        SalesChannel channel,
        IReadOnlyCollection<string> channelSkus,
        DateTimeOffset at,
        CancellationToken cancellationToken);
}
