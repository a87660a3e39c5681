namespace ServerlessOps.Domain.Catalog;

/// <summary>The answer of <see cref="ICatalogReader.ResolveAsync"/>.</summary>
/// <param name="Lines">Each mapped channel SKU (ordinal key, as the channel wrote it) with its catalog facts.</param>
/// <param name="Unmapped">Channel SKUs without a catalog listing on the channel: the order's exception path.</param>
/// <param name="Fees">The channel's fee rules in effect at the order's time (empty when the brand imported none).</param>
public sealed record CatalogResolution(
    IReadOnlyDictionary<string, CatalogLine> Lines,
    IReadOnlyList<string> Unmapped,
    IReadOnlyList<FeeRule> Fees);
