namespace ServerlessOps.Infrastructure.Storage;

/// <summary>Outcome of storing a raw delivery with a create-if-absent condition.</summary>
/// <param name="Created">True when this call stored it; false when the same delivery was already stored.</param>
/// <param name="FirstReceivedAt">When the first copy arrived.</param>
/// <param name="WrittenETag">The new blob's ETag when this very call wrote it; null when it met a blob already there.</param>
public sealed record RawDeliveryCreateResult(bool Created, DateTimeOffset FirstReceivedAt, string? WrittenETag = null);
