using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Facts;

namespace ServerlessOps.Infrastructure.Review.Facts;

/// <summary>The running sums behind one <see cref="SkuChannelMonth"/> while orders stream (base currency, unrounded).</summary>
internal sealed class SkuMonthTotals(ReviewMonth month, SalesChannel channel, string sku, bool mapped)
{
    public const int MaxSourceRows = 5;

    private readonly List<string> _sourceRows = [];

    private readonly List<string> _floorRows = [];

    private readonly List<string> _refundRows = [];

    public int Orders { get; set; }

    public int Units { get; set; }

    public decimal Revenue { get; set; }

    public decimal Cogs { get; set; }

    public int UnitsWithoutCost { get; set; }

    public decimal? FeesCharged { get; set; }

    public decimal FeesScheduled { get; set; }

    public decimal? FeesScheduledWithoutCharges { get; set; }

    public decimal Refunds { get; set; }

    public int RefundedUnits { get; set; }

    public int CancelledUnits { get; set; }

    public int UnitsBelowFloor { get; set; }

    public decimal FloorShortfall { get; set; }

    public void AddSource(string row) => AddTo(_sourceRows, row);

    /// <summary>A line sold under the floor: the price-floor finding's evidence, whatever the SKU sold before it.</summary>
    public void AddFloorSource(string row) => AddTo(_floorRows, row);

    /// <summary>A line with money refunded: the refund finding's evidence, whatever the SKU sold before it.</summary>
    public void AddRefundSource(string row) => AddTo(_refundRows, row);

    public SkuChannelMonth ToFacts() => new(
        month, channel, sku, mapped, Orders, Units, Revenue, Cogs, UnitsWithoutCost, FeesCharged, FeesScheduled,
        Refunds, RefundedUnits, CancelledUnits, UnitsBelowFloor, FloorShortfall, [.. _sourceRows])
    {
        FeesScheduledWithoutCharges = FeesScheduledWithoutCharges,
        FloorSourceRows = [.. _floorRows],
        RefundSourceRows = [.. _refundRows],
    };

    private static void AddTo(List<string> rows, string row)
    {
        if (rows.Count < MaxSourceRows)
        {
            rows.Add(row);
        }
    }
}
