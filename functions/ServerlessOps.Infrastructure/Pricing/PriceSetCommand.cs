using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>A price to set on chosen channels of one catalog SKU, validated by the route (price &gt; 0 in cents, currency, channels distinct).</summary>
/// <param name="OverrideReason">Null without an override; a non-empty reason when the caller accepts pushing below the guardrail.</param>
/// <param name="By">The signed-in caller's name, for the override audit.</param>
/// <param name="IfMatch">
/// The SKU price versions (bare ETags, or <c>*</c>) the caller decided on, from <c>If-Match</c>; null when it sent none,
/// and the set then proceeds whatever the version (as before versions existed).
/// </param>
public sealed record PriceSetCommand(
    string BrandId,
    string Sku,
    decimal Price,
    string Currency,
    IReadOnlyList<SalesChannel> Channels,
    string? OverrideReason,
    string By,
    IReadOnlyList<string>? IfMatch = null);
