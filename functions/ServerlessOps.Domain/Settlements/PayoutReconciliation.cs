namespace ServerlessOps.Domain.Settlements;

/// <summary>
/// One payout checked against its settlement lines: expected = Σ the lines' signed amounts (sales, fees, refunds and
/// adjustments of the orders and the account), difference = paid − expected, rounded once to cents (away from zero). More
/// than one cent either way is a mismatch: the channel paid something its own rows do not explain (a missing or
/// duplicated row, a hold, a reserve it did not itemise).
/// <para>
/// A payout whose channel answer held events the reader does not read (<see cref="SettlementPayout.UnreadEvents"/>) is
/// not reconcilable: what was paid includes money no row explains, so its difference says nothing. It is neither
/// reconciled nor a mismatch: <see cref="IsMismatch"/> is false (no mismatch alert, not in the mismatch list), and
/// <see cref="CannotBeChecked"/> says why. Consumers: the settlement import (alert or clear), the payouts API (the
/// mismatch filter is <see cref="IsMismatch"/>) and the run report (counts each apart). The monthly review does not read
/// reconciliations (it reads the fee lines on the orders), so it is unaffected.
/// </para>
/// </summary>
/// <param name="Expected">Σ line amounts, rounded to cents.</param>
/// <param name="Difference">Paid − expected, rounded to cents.</param>
/// <param name="Rows">The transaction ids of the lines, in posting order: the evidence finance opens.</param>
/// <param name="UnmatchedOrders">External order ids of lines whose order the truth does not hold (yet).</param>
public sealed record PayoutReconciliation(
    SettlementPayout Payout,
    decimal Expected,
    decimal Difference,
    IReadOnlyList<string> Rows,
    IReadOnlyList<string> UnmatchedOrders)
{
    /// <summary>A difference larger than this (in the payout's currency) is a mismatch.</summary>
    public const decimal Tolerance = 0.01m;

    /// <summary>False when the payout holds events the reader does not read: its rows cannot explain what was paid.</summary>
    public bool IsReconcilable => Payout.UnreadEvents.Count == 0;

    /// <summary>A difference beyond <see cref="Tolerance"/> of a reconcilable payout; never one that cannot be checked.</summary>
    public bool IsMismatch => IsReconcilable && Math.Abs(Difference) > Tolerance;

    /// <summary>Why the payout cannot be checked, for finance to read; null when it is reconcilable.</summary>
    public string? CannotBeChecked => IsReconcilable
        ? null
        : $"Cannot be checked: {Payout.Channel} listed events this import does not read: {UnreadEventList.Describe(Payout.UnreadEvents)}.";

    /// <summary>
    /// Reconciles <paramref name="payout"/> with the lines that name it (others are ignored, so the caller may pass an
    /// account's lines as they come). <paramref name="isOrderKnown"/> says whether the truth holds an external order id.
    /// </summary>
    /// <exception cref="InvalidOperationException">A line of the payout is in another currency: the payout cannot be summed.</exception>
    public static PayoutReconciliation Of(SettlementPayout payout, IEnumerable<SettlementLine> lines, Func<string, bool> isOrderKnown)
    {
        ArgumentNullException.ThrowIfNull(payout);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(isOrderKnown);
        var own = lines
            .Where(l => l.Channel == payout.Channel && l.AccountId == payout.AccountId && l.PayoutId == payout.PayoutId)
            .OrderBy(l => l.PostedAt).ThenBy(l => l.TransactionId, StringComparer.Ordinal)
            .ToList();
        if (own.FirstOrDefault(l => !string.Equals(l.Currency, payout.Currency, StringComparison.OrdinalIgnoreCase)) is { } foreign)
        {
            throw new InvalidOperationException(
                $"{payout.Channel} payout {payout.PayoutId} of account {payout.AccountId} is in {payout.Currency} but its row {foreign.TransactionId} is in {foreign.Currency}; a payout is summed in one currency.");
        }

        var expected = Cents(own.Sum(l => l.Amount));
        var unmatched = own
            .Where(l => l.ExternalOrderId is not null && !isOrderKnown(l.ExternalOrderId))
            .Select(l => l.ExternalOrderId!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new PayoutReconciliation(payout, expected, Cents(payout.Amount - expected), [.. own.Select(l => l.TransactionId)], unmatched);
    }

    private static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
