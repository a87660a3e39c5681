namespace ServerlessOps.Domain.Orders;

/// <summary>
/// Sums of amounts that may be unknown. A sum with an unknown term is unknown: a withheld price never counts as
/// zero. No rounding happens here; amounts keep the precision the channel gave.
/// </summary>
public static class OrderMoney
{
    /// <summary>The sum, or null when any term is null.</summary>
    public static decimal? Sum(IEnumerable<decimal?> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var total = 0m;
        foreach (var amount in amounts)
        {
            if (amount is not { } known)
            {
                return null;
            }

            total += known;
        }

        return total;
    }

    /// <summary><paramref name="left"/> + <paramref name="right"/>, or null when either is null.</summary>
    public static decimal? Add(decimal? left, decimal? right) => left is { } l && right is { } r ? l + r : null;
}
