namespace ServerlessOps.Infrastructure.Cosmos.Stores;

/// <summary>What one run of moving a brand's orders out of the brand-partitioned layout did.</summary>
/// <param name="BrandId">The brand.</param>
/// <param name="Moved">Orders copied to their month partition and deleted from the old one.</param>
/// <param name="Merged">Orders whose copy had been written meanwhile and was merged with the old document.</param>
/// <param name="AlreadyMoved">Orders whose copy already held everything (an earlier, interrupted run): only deleted.</param>
/// <param name="Failed">Orders left where they are (see the log), with the reason logged.</param>
/// <param name="Complete">The old layout is empty for the brand and marked so.</param>
public sealed record OrderMoveReport(string BrandId, int Moved = 0, int Merged = 0, int AlreadyMoved = 0, IReadOnlyList<string>? Failed = null, bool Complete = false)
{
    public IReadOnlyList<string> Failed { get; init; } = Failed ?? [];

    internal OrderMoveReport With(OrderMoveOutcome outcome) => outcome switch
    {
        OrderMoveOutcome.Moved => this with { Moved = Moved + 1 },
        OrderMoveOutcome.Merged => this with { Merged = Merged + 1 },
        OrderMoveOutcome.AlreadyMoved => this with { AlreadyMoved = AlreadyMoved + 1 },
        _ => this,
    };
}

/// <summary>How one order left the old layout.</summary>
internal enum OrderMoveOutcome
{
    /// <summary>Nothing in the old layout (already moved by someone else).</summary>
    NotFound,

    Moved,

    Merged,

    AlreadyMoved,
}
