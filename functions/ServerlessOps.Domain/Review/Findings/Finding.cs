using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Review.Findings;

/// <summary>
/// One problem the audit found in a month, with what it costs per month.
/// </summary>
/// <param name="Subject">What it is about, readable: <c>SKU TEE-RED-M on Amazon</c>, <c>campaign spring-sale on TikTokShop</c>.</param>
/// <param name="Channel">The channel, when the finding is about one.</param>
/// <param name="Sku">The SKU (catalog, or channel SKU when unmapped), when the finding is about one.</param>
/// <param name="MonthlyMoney">Money at stake per month, base currency, rounded once to cents by the rule.</param>
/// <param name="RootCause">Findings with the same root cause are fixed together (<c>fees:amazon:referral</c>): the prioritizer batches them.</param>
/// <param name="Formula">The rule's formula with this finding's numbers in it, for people.</param>
public sealed record Finding(
    FindingType Type,
    string Subject,
    SalesChannel? Channel,
    string? Sku,
    decimal MonthlyMoney,
    string Currency,
    string RootCause,
    string Formula,
    Evidence Evidence);
