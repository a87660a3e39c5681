using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>What one listing's channel answered to the price.</summary>
/// <param name="Outcome"><c>pushed</c>, <c>failed</c> (the channel refused, stayed unavailable after the retries, or answered a body
/// that could not be read), or <c>no-account</c>.</param>
/// <param name="RequestId">The channel's request id, when it gave one.</param>
/// <param name="Note">More the channel said (Amazon's ACCEPTED is not yet live).</param>
/// <param name="Error">Why it failed.</param>
public sealed record PriceSetListingOutcome(
    SalesChannel Channel,
    string ChannelSku,
    decimal Price,
    bool Overridden,
    string Outcome,
    string? RequestId,
    string? Note,
    string? Error)
{
    public bool Pushed => Outcome == "pushed";
}
