using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Settlements;

namespace ServerlessOps.Infrastructure.Settlements;

/// <summary>What one import did for one channel account.</summary>
/// <param name="Imported">Lines stored for the first time.</param>
/// <param name="AlreadyImported">Lines read again and already stored (unchanged).</param>
/// <param name="OrdersUpdated">Orders whose charged fees were written.</param>
/// <param name="Pending">External order ids of lines still pending: waiting for their order in the truth, or not written to it.</param>
/// <param name="Payouts">Each payout read, reconciled.</param>
/// <param name="Error">
/// Why nothing was imported for this account (a channel error or a bad answer), or which orders' fees could not be written
/// (other writers kept changing them: the rest was imported, their rows stay pending); else null.
/// </param>
public sealed record SettlementAccountReport(
    SalesChannel Channel,
    string AccountId,
    int Imported,
    int AlreadyImported,
    IReadOnlyList<string> OrdersUpdated,
    IReadOnlyList<string> Pending,
    IReadOnlyList<PayoutReconciliation> Payouts,
    string? Error)
{
    public static SettlementAccountReport Failed(SalesChannel channel, string accountId, string error) => new(channel, accountId, 0, 0, [], [], [], error);
}

/// <summary>One import run over a brand's (or every brand's) channel accounts.</summary>
public sealed record SettlementRunReport(DateTimeOffset StartedAt, IReadOnlyList<SettlementAccountReport> Accounts)
{
    /// <summary>Payouts that differ from their rows; never one that cannot be checked.</summary>
    public int Mismatches => Accounts.Sum(a => a.Payouts.Count(p => p.IsMismatch));

    /// <summary>Payouts that cannot be checked (events the reader does not read): neither reconciled nor mismatches.</summary>
    public int NotReconcilable => Accounts.Sum(a => a.Payouts.Count(p => !p.IsReconcilable));

    public int Failed => Accounts.Count(a => a.Error is not null);
}
