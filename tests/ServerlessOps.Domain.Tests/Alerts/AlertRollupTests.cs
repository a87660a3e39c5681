using ServerlessOps.Domain.Alerts;
using static ServerlessOps.Domain.Tests.Alerts.AlertRaises;

namespace ServerlessOps.Domain.Tests.Alerts;

/// <summary>The open-alert counts: idempotent and order-proof per alert, tombstones pruned after a day.</summary>
public sealed class AlertRollupTests
{
    [Fact]
    public void Apply_SameRevisionTwice_CountsOnce()
    {
        var entry = new AlertRollupEntry(AlertKind.SlaMissed, AlertState.Open, 1, T0);
        var once = new AlertRollup().Apply("al-1", entry, T0)!;

        Assert.Null(once.Apply("al-1", entry, T0));
        Assert.Equal([new AlertCount(AlertKind.SlaMissed, AlertState.Open, 1)], once.Counts());
    }

    [Fact]
    public void Apply_OlderRevisionAfterNewer_IsIgnored()
    {
        var rollup = new AlertRollup()
            .Apply("al-1", new AlertRollupEntry(AlertKind.SlaMissed, AlertState.Resolved, 3, T0), T0)!;

        Assert.Null(rollup.Apply("al-1", new AlertRollupEntry(AlertKind.SlaMissed, AlertState.Open, 2, T0), T0));
        Assert.Empty(rollup.Counts());
    }

    [Fact]
    public void Counts_ByKindAndState_LeaveResolvedOut()
    {
        var rollup = new AlertRollup();
        rollup = rollup.Apply("a", new(AlertKind.SlaMissed, AlertState.Open, 1, T0), T0)!;
        rollup = rollup.Apply("b", new(AlertKind.SlaMissed, AlertState.Open, 1, T0), T0)!;
        rollup = rollup.Apply("c", new(AlertKind.SlaMissed, AlertState.Acknowledged, 2, T0), T0)!;
        rollup = rollup.Apply("d", new(AlertKind.PushFailed, AlertState.Open, 1, T0), T0)!;
        rollup = rollup.Apply("e", new(AlertKind.PushFailed, AlertState.Resolved, 2, T0), T0)!;

        Assert.Equal(
            [new(AlertKind.SlaMissed, AlertState.Open, 2), new(AlertKind.SlaMissed, AlertState.Acknowledged, 1), new(AlertKind.PushFailed, AlertState.Open, 1)],
            rollup.Counts());
    }

    [Fact]
    public void Apply_DayOldTombstones_ArePrunedOnTheNextWrite()
    {
        var rollup = new AlertRollup().Apply("old", new(AlertKind.SlaMissed, AlertState.Resolved, 2, T0), T0)!;

        var later = rollup.Apply("new", new(AlertKind.SlaMissed, AlertState.Open, 1, T0.AddDays(2)), T0.AddDays(2))!;

        Assert.Equal(["new"], later.Entries.Keys);
    }
}
