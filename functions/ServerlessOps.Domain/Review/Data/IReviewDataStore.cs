namespace ServerlessOps.Domain.Review.Data;

/// <summary>
/// The review's own imported history beside the order truth: ad spend, daily stock snapshots, targets and exchange
/// rates, per brand. Reads stream (a brand's thirteen months never sit in memory at once) and are ordered by day.
/// </summary>
public interface IReviewDataStore
{
    /// <summary>Ad spend on days in [<paramref name="fromDay"/>, <paramref name="untilDay"/>), ordered by day.</summary>
    IAsyncEnumerable<AdSpendDay> ReadAdSpendAsync(string brandId, DateOnly fromDay, DateOnly untilDay, CancellationToken cancellationToken = default);

    /// <summary>Stock snapshots on days in [<paramref name="fromDay"/>, <paramref name="untilDay"/>), ordered by day.</summary>
    IAsyncEnumerable<StockSnapshot> ReadStockSnapshotsAsync(string brandId, DateOnly fromDay, DateOnly untilDay, CancellationToken cancellationToken = default);

    /// <summary>Every channel's target for <paramref name="month"/> (empty when none was imported).</summary>
    Task<IReadOnlyList<ChannelTarget>> GetTargetsAsync(string brandId, ReviewMonth month, CancellationToken cancellationToken = default);

    /// <summary>Rates on days in [<paramref name="fromDay"/>, <paramref name="untilDay"/>) (a rate holds from its day until the next one).</summary>
    Task<IReadOnlyList<ExchangeRate>> GetExchangeRatesAsync(string brandId, DateOnly fromDay, DateOnly untilDay, CancellationToken cancellationToken = default);
}
