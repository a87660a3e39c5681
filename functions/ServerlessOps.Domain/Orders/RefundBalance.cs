namespace ServerlessOps.Domain.Orders;

/// <summary>
/// How a refund's money stands against its lines and shipping: one formula for the review's refund money and for the
/// history import's check of a stated restocking fee, so what the import accepts is what the review counts. The money
/// beyond the lines is one figure: a refund that both kept a fee back and gave goodwill shows only their difference, read
/// as the larger less the smaller. No channel's refund states the two apart, and the history import takes goodwill given
/// with a restocking fee as a refund of its own (Infrastructure/Review/Import/README.md).
/// </summary>
public static class RefundBalance
{
    /// <summary>
    /// The refund's money beyond its lines and shipping, tax excluded: below zero when it returned less than those (a
    /// restocking fee kept back). <see cref="OrderRefund.Shipping"/> is tax included, so the tax not on a line less the
    /// shipping's own tax (<see cref="OrderRefund.ShippingTax"/>) is the tax of the money beyond: a goodwill credit's tax is
    /// no refund. Where the channel does not state the shipping's tax apart and shipping went back, the tax not on a line
    /// is taken as the shipping's; without shipping it is the order-level money's own tax.
    /// </summary>
    public static decimal BeyondLines(OrderRefund refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        var taxNotOnLines = refund.Tax - refund.Lines.Sum(l => l.Tax);
        var ownTax = refund.ShippingTax is { } shippingTax ? taxNotOnLines - shippingTax
            : refund.Shipping == 0m ? taxNotOnLines
            : 0m;
        return refund.Unallocated - refund.Shipping - ownTax;
    }

    /// <summary>
    /// What the channel kept back from the refund's lines: the amount by which the money returned falls short of the lines
    /// (amount and tax) and the shipping, at most the lines' amounts. A return refunded with a restocking fee withheld
    /// records its line at full price and returns less; the difference stayed with the brand.
    /// </summary>
    public static decimal KeptBack(OrderRefund refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        return Math.Min(refund.Lines.Sum(l => l.Amount), Math.Max(0m, -BeyondLines(refund)));
    }
}
