using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Infrastructure.Review.Facts;

/// <summary>
/// What a refund takes back from the month's net revenue, in the order's currency, tax and shipping excluded (revenue
/// excludes both): its lines' amounts plus the money it returned beyond its lines and shipping (a goodwill credit, an
/// order-level adjustment), which names no line but is the brand's money all the same, less the money it kept back from
/// its lines (a restocking fee), which never went back to the buyer.
/// </summary>
internal static class RefundMoney
{
    /// <summary>The lines' refunds plus <see cref="NotOnLines"/> less <see cref="KeptBack"/>: the refund's whole weight on the P&amp;L.</summary>
    public static decimal Of(OrderRefund refund) => refund.Lines.Sum(l => l.Amount) + NotOnLines(refund) - KeptBack(refund);

    /// <summary>
    /// The refund's money beyond its lines and shipping, tax excluded (<see cref="RefundBalance.BeyondLines"/>) where it is
    /// more than nothing; zero otherwise.
    /// </summary>
    public static decimal NotOnLines(OrderRefund refund) => Math.Max(0m, RefundBalance.BeyondLines(refund));

    /// <summary>What the channel kept back from the refund's lines, a restocking fee (<see cref="RefundBalance.KeptBack"/>).</summary>
    public static decimal KeptBack(OrderRefund refund) => RefundBalance.KeptBack(refund);
}
