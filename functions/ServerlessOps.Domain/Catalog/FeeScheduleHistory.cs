namespace ServerlessOps.Domain.Catalog;

/// <summary>
/// A channel's fee schedule together with the rows later imports replaced (<see cref="FeeScheduleVersions"/>), as one
/// read of its document gives them: the current rows for the schedule as it is, both for the schedule as it was known
/// at an instant (<see cref="KnownAt"/>).
/// </summary>
/// <param name="Rules">The current rows, every period.</param>
/// <param name="Replaced">The rows later imports replaced with other terms; empty where none was.</param>
public sealed record FeeScheduleHistory(IReadOnlyList<FeeRule> Rules, IReadOnlyList<ReplacedFeeRule> Replaced)
{
    public static FeeScheduleHistory Empty { get; } = new([], []);

    /// <summary>The rows as they stood at <paramref name="knownAt"/> (<see cref="FeeScheduleVersions.KnownAt"/>).</summary>
    public IReadOnlyList<FeeRule> KnownAt(DateTimeOffset knownAt) => FeeScheduleVersions.KnownAt(Rules, Replaced, knownAt);
}
