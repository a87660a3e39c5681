namespace ServerlessOps.Domain.Settlements;

/// <summary>
/// What one read of a channel account's settlement data returned, whole: its lines and the payouts they belong to. A
/// reader builds it completely or throws, so an import never writes half of a bad answer.
/// </summary>
public sealed record SettlementBatch(IReadOnlyList<SettlementLine> Lines, IReadOnlyList<SettlementPayout> Payouts)
{
    public static SettlementBatch Empty { get; } = new([], []);
}
