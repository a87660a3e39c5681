using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Facts;

namespace ServerlessOps.Infrastructure.Review.Facts;

/// <summary>The running counts behind one <see cref="ChannelMonth"/>; its money is summed from the SKU rows at the end.</summary>
internal sealed class ChannelMonthTotals(ReviewMonth month)
{
    /// <summary>A channel averaging at least this many orders a day is expected to have some every day: a day without is a gap.</summary>
    public const decimal GapAfterDailyAverage = 3m;

    private readonly int[] _ordersByDay = new int[month.Days];
    private readonly List<string> _lateRows = [];

    public ReviewMonth Month => month;

    public int Orders { get; set; }

    public int MerchantShippedOrders { get; set; }

    public int LateShipments { get; set; }

    public int CancelledOrders { get; set; }

    public int RefundedOrders { get; set; }

    public void CountDay(DateOnly day) => _ordersByDay[day.Day - 1]++;

    public void AddLate(string row)
    {
        LateShipments++;
        if (_lateRows.Count < SkuMonthTotals.MaxSourceRows)
        {
            _lateRows.Add(row);
        }
    }

    public ChannelMonth ToFacts(SalesChannel channel, IReadOnlyList<SkuChannelMonth> sales)
    {
        var gaps = Orders >= GapAfterDailyAverage * month.Days ? _ordersByDay.Count(n => n == 0) : 0;
        return new ChannelMonth(
            month, channel, Orders, sales.Sum(s => s.Units), MerchantShippedOrders, LateShipments, CancelledOrders, RefundedOrders,
            sales.Sum(s => s.Revenue), sales.Sum(s => s.Cogs), sales.Sum(s => s.FeesCharged ?? 0m), sales.Sum(s => s.FeesScheduled),
            sales.Sum(s => s.Refunds), 0m, gaps, [.. _lateRows]);
    }
}
