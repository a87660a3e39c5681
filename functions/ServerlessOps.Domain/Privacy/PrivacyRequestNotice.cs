using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Privacy;

/// <summary>
/// A privacy request as a channel delivered it: acted on by the privacy processor, not only recorded. The buyer's
/// email and phone are carried only so copies of them can be found and scrubbed; they are never stored with the request,
/// and <see cref="ToString"/> leaves them out so no log or exception message can carry them.
/// </summary>
/// <param name="Kind">What is asked.</param>
/// <param name="AccountId">The channel account (Shopify shop domain) the request is for.</param>
/// <param name="CustomerId">The channel's customer id; null for <see cref="PrivacyRequestKind.ShopRedact"/>.</param>
/// <param name="ExternalOrderIds">The channel's ids of the orders named (<c>orders_to_redact</c>, <c>orders_requested</c>).</param>
/// <param name="ChannelRequestId">The channel's own id of the request, when it gives one (<c>data_request.id</c>).</param>
public sealed record PrivacyRequestNotice(
    PrivacyRequestKind Kind,
    string AccountId,
    string? CustomerId,
    IReadOnlyList<string> ExternalOrderIds,
    string? ChannelRequestId) : DeliveryContent
{
    /// <summary>The buyer's email as the request gives it (personal data: used to find copies, never stored or logged).</summary>
    public string? Email { get; init; }

    /// <summary>The buyer's phone as the request gives it (personal data: used to find copies, never stored or logged).</summary>
    public string? Phone { get; init; }

    /// <summary>The request's own personal values, to scrub wherever text may have copied them.</summary>
    public IReadOnlyList<string> KnownPersonalValues =>
        [.. new[] { Email, Phone }.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!)];

    /// <summary>Ids only: never the email or phone.</summary>
    public override string ToString() =>
        $"{Kind} for account {AccountId}, customer {CustomerId ?? "(none)"}, {ExternalOrderIds.Count} order(s) named";
}
