namespace ServerlessOps.Domain.Orders;

/// <summary>What to do with an incoming order snapshot given what is stored.</summary>
public enum ConvergenceDecision
{
    /// <summary>Nothing stored yet: create.</summary>
    Create,

    /// <summary>The incoming snapshot is newer: replace.</summary>
    Replace,

    /// <summary>The stored snapshot is newer or the same: keep it (a late or repeated delivery).</summary>
    KeepStored,
}

/// <summary>
/// Out-of-order deliveries converge by the channel's own version: the newest version wins, arrival order
/// never matters. At an equal version the later lifecycle status wins (cancel beats create), and an
/// incomplete snapshot never replaces a complete one of the same version. This decides the snapshot only: the
/// facts both sides hold by their own ids are merged whatever it decides (<see cref="OrderFacts.Merge"/>).
/// </summary>
public static class OrderConvergence
{
    public static ConvergenceDecision Decide(Order? stored, Order incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (stored is null)
        {
            return ConvergenceDecision.Create;
        }

        var byVersion = incoming.Version.CompareTo(stored.Version);
        if (byVersion != 0)
        {
            return byVersion > 0 ? ConvergenceDecision.Replace : ConvergenceDecision.KeepStored;
        }

        if (incoming.IsComplete != stored.IsComplete)
        {
            return incoming.IsComplete ? ConvergenceDecision.Replace : ConvergenceDecision.KeepStored;
        }

        return StatusRank(incoming.Status) > StatusRank(stored.Status)
            ? ConvergenceDecision.Replace
            : ConvergenceDecision.KeepStored;
    }

    private static int StatusRank(OrderStatus status) => status switch
    {
        OrderStatus.Pending => 0,
        OrderStatus.AwaitingFulfilment => 1,
        OrderStatus.PartiallyCancelled => 2,
        OrderStatus.PartiallyFulfilled => 3,
        OrderStatus.Fulfilled => 4,
        OrderStatus.Delivered => 5,
        OrderStatus.PartiallyRefunded => 6,
        OrderStatus.Refunded => 7,
        OrderStatus.Cancelled => 8,
        _ => 0,
    };
}
