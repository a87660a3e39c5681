using ServerlessOps.Domain.Privacy;

namespace ServerlessOps.Infrastructure.Privacy;

/// <summary>A raw delivery that concerned the request and is now free of its personal data (written, or already clean).</summary>
public sealed record RawRedaction(string BlobName, string BrandId, string DeliveryKey, DateTimeOffset ReceivedAt, PersonalDataRedaction Redaction);
