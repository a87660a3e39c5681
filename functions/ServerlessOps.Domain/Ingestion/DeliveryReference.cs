using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Ingestion;

/// <summary>Points from a record in the truth back to the raw delivery that produced or confirmed it.</summary>
/// <param name="DeliveryKey">See <see cref="Ingestion.DeliveryKey"/>.</param>
/// <param name="DeliveryId">The channel's own delivery id.</param>
/// <param name="Topic">The channel topic.</param>
/// <param name="RawBlobName">Name of the raw delivery blob (body and headers as received).</param>
/// <param name="ReceivedAt">When our endpoint stored it.</param>
/// <param name="Outcome">What it did to the record.</param>
public sealed record DeliveryReference(
    string DeliveryKey,
    SalesChannel Channel,
    string DeliveryId,
    string Topic,
    string RawBlobName,
    DateTimeOffset ReceivedAt,
    DeliveryOutcome Outcome);
