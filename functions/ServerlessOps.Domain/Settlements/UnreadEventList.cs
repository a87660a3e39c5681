namespace ServerlessOps.Domain.Settlements;

/// <summary>
/// A list of events the channel put in a settlement answer that the reader does not turn into lines (Amazon's
/// <c>DebtRecoveryEventList</c>, <c>RetrochargeEventList</c>...). Its money is in what the channel paid but in none of the
/// rows, so a payout holding one cannot be checked against its rows: see <see cref="PayoutReconciliation.IsReconcilable"/>.
/// </summary>
/// <param name="List">The list's name as the channel spells it.</param>
/// <param name="Events">How many events the list held (summed over the answer's pages), at least one.</param>
public sealed record UnreadEventList(string List, int Events)
{
    /// <summary>"DebtRecoveryEventList (2), RetrochargeEventList (1)": names and counts, in the order given.</summary>
    public static string Describe(IEnumerable<UnreadEventList> lists) =>
        string.Join(", ", lists.Select(l => $"{l.List} ({l.Events.ToString(System.Globalization.CultureInfo.InvariantCulture)})"));
}
