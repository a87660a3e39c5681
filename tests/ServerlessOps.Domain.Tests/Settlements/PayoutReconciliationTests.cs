using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Settlements;

namespace ServerlessOps.Domain.Tests.Settlements;

public sealed class PayoutReconciliationTests
{
    private static readonly DateTimeOffset Posted = new(2026, 11, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Payout_PaidExactlyItsRows_IsNoMismatch()
    {
        var reconciliation = PayoutReconciliation.Of(Payout(52.79m), Rows(), _ => true);

        Assert.Equal((52.79m, 0m, false), (reconciliation.Expected, reconciliation.Difference, reconciliation.IsMismatch));
        Assert.Equal(["t1", "t2", "t3"], reconciliation.Rows);
    }

    [Fact]
    public void Payout_OneCentOff_IsANearMissNotAMismatch()
    {
        var reconciliation = PayoutReconciliation.Of(Payout(52.80m), Rows(), _ => true);

        Assert.Equal(0.01m, reconciliation.Difference);
        Assert.False(reconciliation.IsMismatch);
    }

    [Fact]
    public void Payout_TwoCentsShort_IsAMismatchWithTheDifferenceAndTheRows()
    {
        var reconciliation = PayoutReconciliation.Of(Payout(52.77m), Rows(), _ => true);

        Assert.Equal(-0.02m, reconciliation.Difference);
        Assert.True(reconciliation.IsMismatch);
        Assert.Equal(3, reconciliation.Rows.Count);
    }

    [Fact]
    public void Expected_IsRoundedOnceToCents_AwayFromZero()
    {
        // 10.005 + 0.0001 - 0.0001: summed first, then rounded once (10.01), never row by row.
        var rows = new[] { Row("a", SettlementKind.Sale, 10.005m), Row("b", SettlementKind.Fee, 0.0001m), Row("c", SettlementKind.Fee, -0.0001m) };

        Assert.Equal(10.01m, PayoutReconciliation.Of(Payout(10.01m), rows, _ => true).Expected);
    }

    [Fact]
    public void RowsOfOtherPayouts_AreNotCounted_AndUnknownOrdersAreListed()
    {
        var rows = Rows().Append(Row("t9", SettlementKind.Sale, 99m) with { PayoutId = "P-2" });

        var reconciliation = PayoutReconciliation.Of(Payout(52.79m), rows, id => id != "9001");

        Assert.Equal(52.79m, reconciliation.Expected);
        Assert.Equal(["9001"], reconciliation.UnmatchedOrders);
    }

    [Fact]
    public void RowInAnotherCurrency_CannotBeSummed_AndSaysWhichRow()
    {
        var rows = Rows().Append(Row("t4", SettlementKind.Sale, 1m) with { Currency = "EUR" });

        var error = Assert.Throws<InvalidOperationException>(() => PayoutReconciliation.Of(Payout(52.79m), rows, _ => true));

        Assert.Contains("t4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Payout_WithUnreadEventLists_IsNotReconcilable_NeverAMismatch_AndSaysWhichLists()
    {
        var payout = Payout(12.79m) with { UnreadEvents = [new("DebtRecoveryEventList", 2), new("RetrochargeEventList", 1)] };

        var reconciliation = PayoutReconciliation.Of(payout, Rows(), _ => true);

        // The difference is still computed (finance may look), but it is no finding.
        Assert.Equal((-40.00m, false, false), (reconciliation.Difference, reconciliation.IsReconcilable, reconciliation.IsMismatch));
        Assert.Equal(
            "Cannot be checked: Amazon listed events this import does not read: DebtRecoveryEventList (2), RetrochargeEventList (1).",
            reconciliation.CannotBeChecked);
    }

    [Fact]
    public void Payout_WithEveryEventRead_IsReconcilable_AndCheckedAsBefore()
    {
        var reconciliation = PayoutReconciliation.Of(Payout(52.77m), Rows(), _ => true);

        Assert.Equal((true, true, null), (reconciliation.IsReconcilable, reconciliation.IsMismatch, reconciliation.CannotBeChecked));
    }

    private static SettlementPayout Payout(decimal paid) => new(SalesChannel.Amazon, "SELLER", "P-1", paid, "USD", Posted.AddDays(3));

    private static IEnumerable<SettlementLine> Rows() =>
    [
        Row("t1", SettlementKind.Sale, 60m),
        Row("t2", SettlementKind.Fee, -5.56m),
        Row("t3", SettlementKind.Fee, -1.65m),
    ];

    private static SettlementLine Row(string id, SettlementKind kind, decimal amount) =>
        new(SalesChannel.Amazon, "SELLER", id, "P-1", "9001", kind, amount, "USD", Posted);
}
