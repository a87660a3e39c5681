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
    /// The refund's money beyond its lines and shipping, tax excluded (<see cref="BeyondLines"/>) where it is more than
    /// nothing; zero otherwise.
    /// </summary>
    public static decimal NotOnLines(OrderRefund refund) => Math.Max(0m, BeyondLines(refund));

    /// <summary>
    /// What the channel kept back from the refund's lines: the amount by which the money returned falls short of the lines
    /// (amount and tax) and the shipping, at most the lines' amounts. A return refunded with a restocking fee withheld
    /// records its line at full price and returns less; the difference stayed with the brand.
    /// </summary>
    public static decimal KeptBack(OrderRefund refund) => Math.Min(refund.Lines.Sum(l => l.Amount), Math.Max(0m, -BeyondLines(refund)));

    /// <summary>
    /// The refund's money beyond its lines and shipping, tax excluded: below zero when it returned less than those.
    /// <see cref="OrderRefund.Shipping"/> is tax included, so the tax not on a line less the shipping's own tax
    /// (<see cref="OrderRefund.ShippingTax"/>) is the tax of the money beyond: a goodwill credit's tax is no refund. Where
    /// the channel does not state the shipping's tax apart and shipping went back, the tax not on a line is taken as the
    /// shipping's; without shipping it is the order-level money's own tax.
    /// </summary>
    private static decimal BeyondLines(OrderRefund refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        var taxNotOnLines = refund.Tax - refund.Lines.Sum(l => l.Tax);
        var ownTax = refund.ShippingTax is { } shippingTax ? taxNotOnLines - shippingTax
            : refund.Shipping == 0m ? taxNotOnLines
            : 0m;
        return refund.Unallocated - refund.Shipping - ownTax;
    }
}
