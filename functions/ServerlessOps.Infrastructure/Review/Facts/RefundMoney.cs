using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Infrastructure.Review.Facts;

/// <summary>
/// What a refund takes back from the month's net revenue, in the order's currency, tax and shipping excluded (revenue
/// excludes both): its lines' amounts plus the money it returned beyond its lines and shipping (a goodwill credit, an
/// order-level adjustment), which names no line but is the brand's money all the same.
/// </summary>
internal static class RefundMoney
{
    /// <summary>The lines' refunds plus <see cref="NotOnLines"/>: the refund's whole weight on the P&amp;L.</summary>
    public static decimal Of(OrderRefund refund) => refund.Lines.Sum(l => l.Amount) + NotOnLines(refund);

    /// <summary>
    /// The refund's money beyond its lines and shipping, tax excluded; never below zero, so a refund that returned less than
    /// its lines still counts its lines (the channel's line figures are the record). <see cref="OrderRefund.Shipping"/> is
    /// tax included, so where shipping went back the tax not on a line is taken as the shipping's; without shipping it is
    /// the order-level money's own tax.
    /// </summary>
    public static decimal NotOnLines(OrderRefund refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        var taxNotOnLines = refund.Shipping == 0m ? refund.Tax - refund.Lines.Sum(l => l.Tax) : 0m;
        return Math.Max(0m, refund.Unallocated - refund.Shipping - taxNotOnLines);
    }
}
