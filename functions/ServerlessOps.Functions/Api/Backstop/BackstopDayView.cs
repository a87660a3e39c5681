using System.Globalization;
using ServerlessOps.Infrastructure.Backstop;

namespace ServerlessOps.Functions.Api.Backstop;

/// <summary>A brand's backstop findings of one UTC day, per channel slug.</summary>
public sealed record BackstopDayView(string BrandId, string Day, IReadOnlyDictionary<string, BackstopChannelDayView> Channels, DateTimeOffset? UpdatedAt)
{
    public int Missed => Channels.Values.Sum(c => c.Missed);

    public int Late => Channels.Values.Sum(c => c.Late);

    public static BackstopDayView From(string brandId, DateOnly day, BackstopDayDocument? document) =>
        new(
            brandId,
            day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            (document?.Channels ?? new Dictionary<string, BackstopChannelDay>()).ToDictionary(
                c => c.Key,
                c => new BackstopChannelDayView(c.Value.MissedCount, c.Value.LateCount, c.Value.HistoryCount, c.Value.Missed, c.Value.Late, c.Value.History),
                StringComparer.Ordinal),
            document?.UpdatedAt);
}

/// <summary>One channel's day: counts, and the order changes (<c>{order id}@{version}</c>, at most 500 per list).</summary>
public sealed record BackstopChannelDayView(
    int Missed, int Late, int History, IReadOnlyList<string> MissedOrders, IReadOnlyList<string> LateOrders, IReadOnlyList<string> HistoryOrders);
