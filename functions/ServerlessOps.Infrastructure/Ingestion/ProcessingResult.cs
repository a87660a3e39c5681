using ServerlessOps.Domain.Ingestion;

namespace ServerlessOps.Infrastructure.Ingestion;

/// <summary>What processing one queued delivery did.</summary>
public sealed record ProcessingResult(DeliveryOutcome Outcome, string? Detail = null, string? OrderId = null);
