using ServerlessOps.Domain.Alerts;
using static ServerlessOps.Domain.Tests.Alerts.AlertRaises;

namespace ServerlessOps.Domain.Tests.Alerts;

/// <summary>The open-alert counts: counters moved by state changes, each counted once in any order, a bounded memory.</summary>
public sealed class AlertRollupTests
{
    [Fact]
    public void Apply_SameChangeTwice_CountsOnce()
    {
        var change = new AlertStateChange("al-1", AlertKind.SlaMissed, 1, null, AlertState.Open);
        var once = new AlertRollup().Apply(change, T0)!;

        Assert.Null(once.Apply(change, T0));
        Assert.Equal([new AlertCount(AlertKind.SlaMissed, AlertState.Open, 1)], once.Counts());
    }

    [Fact]
    public void Apply_ChangesOfOneAlertInAnyOrder_EndAtItsLastState()
    {
        AlertStateChange[] changes =
        [
            new("al-1", AlertKind.SlaMissed, 1, null, AlertState.Open),
            new("al-1", AlertKind.SlaMissed, 3, AlertState.Open, AlertState.Acknowledged),
            new("al-1", AlertKind.SlaMissed, 4, AlertState.Acknowledged, AlertState.Resolved),
            new("al-1", AlertKind.SlaMissed, 6, AlertState.Resolved, AlertState.Open),
        ];

        foreach (var order in new[] { new[] { 0, 1, 2, 3 }, [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1] })
        {
            var rollup = order.Aggregate(new AlertRollup(), (r, i) => r.Apply(changes[i], T0)!);
            Assert.Equal([new AlertCount(AlertKind.SlaMissed, AlertState.Open, 1)], rollup.Counts());
        }
    }

    [Fact]
    public void Counts_ByKindAndState_LeaveResolvedOut()
    {
        var rollup = new AlertRollup();
        rollup = rollup.Apply(new("a", AlertKind.SlaMissed, 1, null, AlertState.Open), T0)!;
        rollup = rollup.Apply(new("b", AlertKind.SlaMissed, 1, null, AlertState.Open), T0)!;
        rollup = rollup.Apply(new("c", AlertKind.SlaMissed, 1, null, AlertState.Open), T0)!;
        rollup = rollup.Apply(new("c", AlertKind.SlaMissed, 2, AlertState.Open, AlertState.Acknowledged), T0)!;
        rollup = rollup.Apply(new("d", AlertKind.PushFailed, 1, null, AlertState.Open), T0)!;
        rollup = rollup.Apply(new("e", AlertKind.PushFailed, 1, null, AlertState.Open), T0)!;
        rollup = rollup.Apply(new("e", AlertKind.PushFailed, 2, AlertState.Open, AlertState.Resolved), T0)!;

        Assert.Equal(
            [new(AlertKind.SlaMissed, AlertState.Open, 2), new(AlertKind.SlaMissed, AlertState.Acknowledged, 1), new(AlertKind.PushFailed, AlertState.Open, 1)],
            rollup.Counts());
    }

    [Fact]
    public void Apply_ChangesOlderThanTheirLifetime_AreForgottenOnTheNextWrite()
    {
        var rollup = new AlertRollup().Apply(new("old", AlertKind.SlaMissed, 1, null, AlertState.Open), T0)!;

        var later = rollup.Apply(new("new", AlertKind.SlaMissed, 1, null, AlertState.Open), T0 + AlertRollup.RecentLifetime + TimeSpan.FromMinutes(1))!;

        Assert.Equal(["new"], later.Recent.Keys);
        Assert.Equal([new AlertCount(AlertKind.SlaMissed, AlertState.Open, 2)], later.Counts());
    }

    [Fact]
    public void Recount_ChangeSeenButStillOnItsWay_IsNotCountedTwice()
    {
        var stored = Apply(null, PriceBelowFloor(), T0).Alert with { Revision = 1, StateChangedAt = T0 };
        var acknowledged = stored with { State = AlertState.Acknowledged, Revision = 2, StateChangedAt = T0 };
        var rollup = new AlertRollup().Apply(new(stored.Id, stored.Kind, 1, null, AlertState.Open), T0)!;

        // The recount reads the alert acknowledged before the acknowledgement's own rollup update arrives.
        var (recounted, corrections) = rollup.Recount([acknowledged], T0);

        Assert.Equal(1, corrections);
        Assert.Null(recounted.Apply(new(stored.Id, stored.Kind, 2, AlertState.Open, AlertState.Acknowledged), T0));
        Assert.Equal([new AlertCount(stored.Kind, AlertState.Acknowledged, 1)], recounted.Counts());
    }

    [Fact]
    public void FromEntries_FirstSchema_KeepsItsCountsAndForgetsOldEntries()
    {
        var entries = new Dictionary<string, AlertRollupEntry>
        {
            ["a"] = new(AlertKind.SlaMissed, AlertState.Open, 1, T0.AddDays(-3)),
            ["b"] = new(AlertKind.SlaMissed, AlertState.Acknowledged, 2, T0),
            ["c"] = new(AlertKind.SlaMissed, AlertState.Resolved, 3, T0),
        };

        var rollup = AlertRollup.FromEntries(entries, T0);

        Assert.Equal([new(AlertKind.SlaMissed, AlertState.Open, 1), new(AlertKind.SlaMissed, AlertState.Acknowledged, 1)], rollup.Counts());
        Assert.Equal(["b", "c"], rollup.Recent.Keys.Order());
        Assert.Null(rollup.Apply(new("b", AlertKind.SlaMissed, 2, AlertState.Open, AlertState.Acknowledged), T0));
    }
}
