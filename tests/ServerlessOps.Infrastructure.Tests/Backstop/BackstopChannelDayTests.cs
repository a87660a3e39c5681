using ServerlessOps.Infrastructure.Backstop;

namespace ServerlessOps.Infrastructure.Tests.Backstop;

public sealed class BackstopChannelDayTests
{
    private static string Change(int i) => $"walmart:{1_000_000 + i}@2026-12-04T10:00:00.000Z";

    [Fact]
    public void With_ChangesSeenAgainPastTheListedLimit_AreCountedOnce()
    {
        var all = Enumerable.Range(0, BackstopChannelDay.MaxListed + 100).Select(Change).ToList();
        var day = new BackstopChannelDay().With(all, [], []);

        // The overlap of the next run lists the last hundred again, and a rerun lists them all again.
        var again = day.With(all.Skip(BackstopChannelDay.MaxListed), [], []).With(all, all.Take(3), all.Take(1));

        Assert.Equal((all.Count, 3, 1), (again.MissedCount, again.LateCount, again.HistoryCount));
        Assert.Equal(BackstopChannelDay.MaxListed, again.Missed.Count);
    }

    [Fact]
    public void With_NothingNew_ReturnsTheSameDay()
    {
        var all = Enumerable.Range(0, BackstopChannelDay.MaxListed + 10).Select(Change).ToList();
        var day = new BackstopChannelDay().With(all, [], []);

        Assert.Same(day, day.With(all, [], []));
    }
}
