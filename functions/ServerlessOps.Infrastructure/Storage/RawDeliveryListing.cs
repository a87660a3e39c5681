namespace ServerlessOps.Infrastructure.Storage;

/// <summary>A raw delivery found by a listing: its blob name and when it arrived.</summary>
public sealed record RawDeliveryListing(string BlobName, DateTimeOffset ReceivedAt);
