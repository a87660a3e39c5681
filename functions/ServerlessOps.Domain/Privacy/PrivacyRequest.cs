using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Privacy;

/// <summary>
/// One privacy request of a brand, as recorded: what was asked, by which deliveries, when it is due, when it was done
/// and what was erased or exported. It names ids only (customer, orders, request), never the personal data itself, so
/// keeping it as evidence keeps nothing the request asked us to erase.
/// </summary>
public sealed record PrivacyRequest
{
    /// <summary>Derived from what is asked (<see cref="PrivacyRequestIds"/>): the same request delivered again is the same record.</summary>
    public required string Id { get; init; }

    public required string BrandId { get; init; }

    public required SalesChannel Channel { get; init; }

    public required string AccountId { get; init; }

    public required PrivacyRequestKind Kind { get; init; }

    public string? CustomerId { get; init; }

    public IReadOnlyList<string> ExternalOrderIds { get; init; } = [];

    public string? ChannelRequestId { get; init; }

    /// <summary>Every delivery that carried this request (a channel may send one request more than once).</summary>
    public IReadOnlyList<string> DeliveryKeys { get; init; } = [];

    /// <summary>When the first delivery of it was stored.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The channel's deadline (<see cref="PrivacyDeadlines"/>).</summary>
    public required DateTimeOffset DueBy { get; init; }

    public PrivacyRequestState State { get; init; } = PrivacyRequestState.Received;

    public DateTimeOffset? CompletedAt { get; init; }

    public PrivacyRequestCounts Counts { get; init; } = new();

    /// <summary>Data requests: the export's blob name, downloadable through the API once completed.</summary>
    public string? ExportBlobName { get; init; }

    /// <summary>Whether it was completed after its deadline.</summary>
    public bool CompletedLate => CompletedAt is { } done && done > DueBy;
}
