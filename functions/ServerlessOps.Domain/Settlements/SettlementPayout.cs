using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Settlements;

/// <summary>What the channel says it paid (or will pay) the seller for one settlement period.</summary>
/// <param name="PayoutId">Amazon FinancialEventGroupId, Shopify payout id, Walmart report date, TikTok statement id.</param>
/// <param name="Amount">The payout's total as the channel states it, in <paramref name="Currency"/>.</param>
/// <param name="PaidAt">When it was (or is due to be) paid; the period's end where the channel gives no date.</param>
public sealed record SettlementPayout(SalesChannel Channel, string AccountId, string PayoutId, decimal Amount, string Currency, DateTimeOffset PaidAt)
{
    /// <summary>
    /// Event lists of this payout the reader does not read (by name, ordinal order), each non-empty; empty when every event
    /// was read. When any is listed, <see cref="Amount"/> holds money no row explains and the payout cannot be checked.
    /// Stored with the payout's reconciliation; one stored before this existed reads as empty, as it was then treated.
    /// </summary>
    public IReadOnlyList<UnreadEventList> UnreadEvents { get; init; } = [];
}
