using ServerlessOps.Domain.Inventory.Drift;

namespace ServerlessOps.Domain.Tests.Inventory.Drift;

public sealed class DriftRulesTests
{
    private static readonly DateTimeOffset Pushed = new(2026, 12, 4, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Decide_ChannelShowsWhatWePushed_IsInSyncWithOrWithoutAnObservation()
    {
        Assert.Equal(DriftVerdict.InSync, DriftRules.Decide(20, 20, Pushed, pending: null));
        Assert.Equal(DriftVerdict.InSync, DriftRules.Decide(20, 20, Pushed, new DriftObservation(Pushed.AddMinutes(5), 7, 20, Pushed)));
    }

    [Fact]
    public void Decide_FirstDifference_IsOnlyFirstSeen()
    {
        Assert.Equal(DriftVerdict.FirstSeen, DriftRules.Decide(7, 20, Pushed, pending: null));
    }

    [Fact]
    public void Decide_SecondDifferenceWithNoPushBetween_IsPersistingEvenIfTheValueChanged()
    {
        var first = new DriftObservation(Pushed.AddMinutes(5), 7, 20, Pushed);

        Assert.Equal(DriftVerdict.Persisting, DriftRules.Decide(7, 20, Pushed, first));
        Assert.Equal(DriftVerdict.Persisting, DriftRules.Decide(5, 20, Pushed, first));
    }

    [Fact]
    public void Decide_DifferenceAfterAPushLandedSinceTheFirstRead_StartsOverAsFirstSeen()
    {
        var beforeOurPush = new DriftObservation(Pushed.AddMinutes(5), 7, 20, Pushed);

        Assert.Equal(DriftVerdict.FirstSeen, DriftRules.Decide(7, 18, Pushed.AddMinutes(6), beforeOurPush));
    }

    [Fact]
    public void RepairsWithin_CountsOnlyTheWindowEndingNow()
    {
        var now = Pushed.AddDays(2);
        DateTimeOffset[] repairs = [now.AddHours(-30), now.AddHours(-23), now.AddHours(-1), now];

        Assert.Equal(3, DriftRules.RepairsWithin(repairs, now, TimeSpan.FromHours(24)));
    }
}
