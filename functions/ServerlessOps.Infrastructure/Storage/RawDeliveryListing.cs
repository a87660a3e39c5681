namespace ServerlessOps.Infrastructure.Storage;

/// <summary>A raw delivery found by a listing: its blob name (<see cref="RawDelivery.BlobNameFor"/>), brand, key and arrival.</summary>
public sealed record RawDeliveryListing(string BlobName, string BrandId, string DeliveryKey, DateTimeOffset ReceivedAt);
