using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Catalog;

/// <summary>
/// One row of a channel's fee schedule: a percentage of a line's (or order's) net or total amount, plus fixed
/// amounts per unit and per order, for one category or all, between two dates. The pricing rule and the monthly
/// review both read these; the fee-schedule import writes them.
/// </summary>
/// <param name="Channel">The channel that charges it.</param>
/// <param name="FeeType">The channel's name for the fee (referral, fulfilment, transaction...).</param>
/// <param name="Category">The catalog category it applies to; null for every category.</param>
/// <param name="Scope">Charged per line or once per order.</param>
/// <param name="Basis">What <paramref name="Percent"/> is taken of.</param>
/// <param name="Percent">Percentage (15 = 15 %) of the basis; 0 when the fee is fixed only.</param>
/// <param name="FixedPerUnit">Fixed amount per unit, in <paramref name="Currency"/>.</param>
/// <param name="FixedPerOrder">Fixed amount per order, in <paramref name="Currency"/>.</param>
/// <param name="Currency">ISO 4217 code of the fixed amounts.</param>
/// <param name="EffectiveFrom">First instant the rule applies (inclusive).</param>
/// <param name="EffectiveTo">Instant it stops applying (exclusive); null while current.</param>
public sealed record FeeRule(
    SalesChannel Channel,
    string FeeType,
    string? Category,
    FeeScope Scope,
    FeeBasis Basis,
    decimal Percent,
    decimal FixedPerUnit,
    decimal FixedPerOrder,
    string Currency,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset? EffectiveTo)
{
    /// <summary>
    /// When the fee-schedule import stored this row; null for rows stored before imports recorded it, which count as
    /// known since always. The monthly review prices a closed month's fee estimate with the rows known when that month's
    /// report was written (<see cref="FeeScheduleVersions.KnownAt"/>).
    /// </summary>
    public DateTimeOffset? RecordedAt { get; init; }
}
