namespace ServerlessOps.Testing.BadInput;

/// <summary>How big the corpus is and the limits its oversized cases must cross.</summary>
/// <param name="WebhooksPerChannel">Mutated deliveries per channel (the fixed hostile cases come on top).</param>
/// <param name="FilesPerSeed">Mutated files per seed file (<see cref="ImportSeedFiles"/>: twelve kind and format pairs).</param>
/// <param name="Now">The sender's clock: deliveries are signed at it (Walmart's WM_SEC.TIMESTAMP), stale ones 10 minutes off it.</param>
/// <param name="MaxWebhookBytes">The app's Ingestion:MaxBodyBytes; the oversized webhook is one byte more.</param>
/// <param name="MaxImportBytes">The app's Catalog:MaxImportBytes; the oversized catalog file is one byte more.</param>
public sealed record BadInputCorpusOptions(int WebhooksPerChannel, int FilesPerSeed, int Seed, DateTimeOffset Now, int MaxWebhookBytes, int MaxImportBytes)
{
    public string BrandId { get; init; } = "acme";
}
