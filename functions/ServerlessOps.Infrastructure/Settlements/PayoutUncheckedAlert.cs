using System.Globalization;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Settlements;

namespace ServerlessOps.Infrastructure.Settlements;

/// <summary>
/// The <see cref="AlertKind.PayoutUnchecked"/> raise for a payout the import cannot check: what finance needs to check it
/// by hand (the payout, account, what was paid, what the rows read explain, the difference, the lists not read with their
/// event counts) and where.
/// <para>
/// No money at stake: the difference is money the rows do not explain, most of it the unread events themselves (a debt
/// Amazon recovered is no loss), so it is evidence, not a loss. It also keeps the raise from ever being "worsened"
/// (<see cref="AlertRenotifyPolicy"/> compares severity and money only): a closed group read again each day repeats the
/// same alert without telling the owner again.
/// </para>
/// </summary>
internal static class PayoutUncheckedAlert
{
    public static AlertRaise For(ChannelAccount account, PayoutReconciliation reconciliation, AlertSubject subject)
    {
        var payout = reconciliation.Payout;
        var lists = UnreadEventList.Describe(payout.UnreadEvents);
        return new AlertRaise(
            account.BrandId, AlertKind.PayoutUnchecked, subject,
            $"{account.Channel} paid {Money(payout.Amount)} {payout.Currency} in payout {payout.PayoutId} of account {account.AccountId}, and the "
            + $"settlement rows read ({reconciliation.Rows.Count.ToString(CultureInfo.InvariantCulture)}) explain {Money(reconciliation.Expected)}: a difference of {Money(reconciliation.Difference)} "
            + $"this import cannot check, because {account.Channel} also listed events it does not read: {lists}. {WhereToCheck(account.Channel, payout.PayoutId)}")
        {
            Channel = account.Channel,
            Signal = BrandSignal.Finance,
            Evidence = new Dictionary<string, string>
            {
                ["payout"] = payout.PayoutId,
                ["paid"] = Money(payout.Amount),
                ["expected"] = Money(reconciliation.Expected),
                ["difference"] = Money(reconciliation.Difference),
                ["rowCount"] = reconciliation.Rows.Count.ToString(CultureInfo.InvariantCulture),
                ["unreadLists"] = lists.Length <= AlertRaise.MaxEvidenceValueLength ? lists : lists[..(AlertRaise.MaxEvidenceValueLength - 3)] + "...",
            },
        };
    }

    /// <summary>Only Amazon's reader reports unread lists today; another channel's gets the general advice until it does.</summary>
    private static string WhereToCheck(SalesChannel channel, string payoutId) => channel == SalesChannel.Amazon
        ? $"Check it by hand in Seller Central: Payments, All Statements, the statement of settlement {payoutId}: its transactions should explain the difference; if they do not, ask Amazon which is missing."
        : $"Check it by hand in {channel}'s own payout report for {payoutId}: its transactions should explain the difference; if they do not, ask {channel} which is missing.";

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
