using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Review.Findings;

/// <summary>
/// A check the daily run enforces from the roadmap on: stock cover under <see cref="Threshold"/> days, a campaign
/// under breakeven, fees above schedule, price under floor. Raised as an alert to <see cref="Owner"/> when it fails.
/// </summary>
/// <param name="Kind">What to check: <c>stock-cover</c>, <c>campaign-breakeven</c>, <c>fees-above-schedule</c>, <c>price-floor</c>, <c>late-shipments</c>, <c>unmapped-sku</c>, <c>refund-rate</c>.</param>
/// <param name="Threshold">The rule's limit in its own unit (days, ratio, money).</param>
public sealed record AlertRuleSpec(
    string Kind,
    string Subject,
    SalesChannel? Channel,
    string? Sku,
    string? Campaign,
    decimal Threshold,
    string Owner,
    string Description);
