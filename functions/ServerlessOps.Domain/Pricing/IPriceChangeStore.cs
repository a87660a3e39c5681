namespace ServerlessOps.Domain.Pricing;

/// <summary>Price observations, partitioned by brand and SKU (or channel item id when no SKU is known).</summary>
public interface IPriceChangeStore
{
    /// <summary>Writes the observation; idempotent by <see cref="PriceChange.Id"/>.</summary>
    Task RecordAsync(PriceChange change, CancellationToken cancellationToken = default);

    /// <summary>Observations for one item key, newest first.</summary>
    Task<IReadOnlyList<PriceChange>> ListAsync(string brandId, string itemKey, CancellationToken cancellationToken = default);
}
