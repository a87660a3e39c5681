namespace ServerlessOps.Domain.Settlements;

/// <summary>
/// What one read of a channel account's settlement data returned, whole: its lines and the payouts they belong to. A
/// reader builds it completely or throws, so an import never writes half of a bad answer.
/// </summary>
public sealed record SettlementBatch(IReadOnlyList<SettlementLine> Lines, IReadOnlyList<SettlementPayout> Payouts)
{
    /// <summary>
    /// Every event list of the read the reader did not turn into lines, counted over all its payouts and open periods (by
    /// name, ordinal order), so an import can say once what it skipped. A closed payout's own share is on
    /// <see cref="SettlementPayout.UnreadEvents"/>.
    /// </summary>
    public IReadOnlyList<UnreadEventList> UnreadEvents { get; init; } = [];

    public static SettlementBatch Empty { get; } = new([], []);
}
