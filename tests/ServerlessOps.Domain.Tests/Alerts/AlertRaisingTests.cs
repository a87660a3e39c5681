using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using static ServerlessOps.Domain.Tests.Alerts.AlertRaises;

namespace ServerlessOps.Domain.Tests.Alerts;

/// <summary>The de-duplication rule: what a raise does to the alert stored under its id.</summary>
public sealed class AlertRaisingTests
{
    [Fact]
    public void Raise_NothingStored_OpensWithKindDefaultsAndRequestsNotification()
    {
        var (alert, outcome) = Apply(null, PriceBelowFloor(), T0);

        Assert.Equal(AlertRaiseOutcome.Opened, outcome);
        Assert.Equal(AlertIds.For("acme", AlertKind.PriceBelowFloor, AlertSubject.Listing(SalesChannel.Shopify, "TEE-RED-M")), alert.Id);
        Assert.Equal((AlertState.Open, BrandSignal.Pricing, AlertSeverity.Warning, "pricing@acme.example"), (alert.State, alert.Signal, alert.Severity, alert.Owner));
        Assert.Equal((T0, T0, 1, 1), (alert.FirstSeen, alert.LastSeen, alert.Occurrences, alert.Episode));
        Assert.Equal((1, true, AlertRaiseOutcome.Opened, T0), (alert.Notification.Sequence, alert.Notification.Pending, alert.Notification.Reason, alert.Notification.RequestedAt));
        Assert.Equal(new MoneyAtStake(100m, "USD"), alert.Notification.BaselineMoney);
        Assert.Equal("19.99", alert.Evidence["floor"]);
    }

    [Fact]
    public void Raise_OpenAgainUnchanged_CountsWithoutNotifying()
    {
        var (opened, _) = Apply(null, PriceBelowFloor(), T0);
        var delivered = AlertNotifications.Delivered(opened, 1, T0.AddSeconds(1));

        var (again, outcome) = Apply(delivered, PriceBelowFloor(money: 120m) with { Message = "Still under the floor." }, T0.AddMinutes(10));

        Assert.Equal(AlertRaiseOutcome.Repeated, outcome);
        Assert.Equal((T0, T0.AddMinutes(10), 2), (again.FirstSeen, again.LastSeen, again.Occurrences));
        Assert.Equal((1, false), (again.Notification.Sequence, again.Notification.Pending));
        Assert.Equal("Still under the floor.", again.Message);
        Assert.Equal(120m, again.MoneyAtStake!.Amount);
        Assert.Equal(100m, again.Notification.BaselineMoney!.Amount);
    }

    [Fact]
    public void Raise_RepeatedEarlierThanLastSeen_KeepsLastSeen()
    {
        var (opened, _) = Apply(null, PriceBelowFloor(), T0.AddMinutes(5));

        var (again, _) = Apply(opened, PriceBelowFloor(), T0);

        Assert.Equal(T0.AddMinutes(5), again.LastSeen);
        Assert.Equal(2, again.Occurrences);
    }

    [Theory]
    [InlineData(149.99, AlertRaiseOutcome.Repeated)]
    [InlineData(150.00, AlertRaiseOutcome.Worsened)]
    [InlineData(90.00, AlertRaiseOutcome.Repeated)]
    public void Raise_MoneyAtStakeRises_NotifiesAgainFromHalfAsMuchAgain(double money, AlertRaiseOutcome expected)
    {
        var (opened, _) = Apply(null, PriceBelowFloor(money: 100m), T0);

        var (_, outcome) = Apply(AlertNotifications.Delivered(opened, 1, T0), PriceBelowFloor(money: (decimal)money), T0.AddHours(1));

        Assert.Equal(expected, outcome);
    }

    [Fact]
    public void Raise_SmallMoneyRisesByHalf_IsNotMaterialBelowTheMinimumIncrease()
    {
        var (opened, _) = Apply(null, PriceBelowFloor(money: 4m), T0);

        var (_, outcome) = Apply(opened, PriceBelowFloor(money: 12m), T0.AddHours(1));

        Assert.Equal(AlertRaiseOutcome.Repeated, outcome);
    }

    [Fact]
    public void Raise_MoneyCreepsUp_NotifiesOnceTheRiseOverTheLastNotificationAddsUp()
    {
        var (alert, _) = Apply(null, PriceBelowFloor(money: 100m), T0);
        var outcomes = new List<AlertRaiseOutcome>();
        foreach (var money in new[] { 120m, 140m, 160m, 180m })
        {
            (alert, var outcome) = Apply(alert, PriceBelowFloor(money: money), T0.AddHours(outcomes.Count + 1));
            outcomes.Add(outcome);
        }

        Assert.Equal([AlertRaiseOutcome.Repeated, AlertRaiseOutcome.Repeated, AlertRaiseOutcome.Worsened, AlertRaiseOutcome.Repeated], outcomes);
        Assert.Equal(160m, alert.Notification.BaselineMoney!.Amount);
    }

    [Fact]
    public void Raise_SeverityRises_NotifiesAgainAndReopensAnAcknowledgedAlert()
    {
        var (opened, _) = Apply(null, PriceBelowFloor(), T0);
        var acknowledged = AlertTransitions.Acknowledge(AlertNotifications.Delivered(opened, 1, T0), "ana@acme.example", T0.AddMinutes(1)).Next!;

        var (worse, outcome) = Apply(acknowledged, PriceBelowFloor(severity: AlertSeverity.Critical), T0.AddMinutes(2));

        Assert.Equal(AlertRaiseOutcome.Worsened, outcome);
        Assert.Equal((AlertState.Open, (string?)null, AlertSeverity.Critical), (worse.State, worse.AcknowledgedBy, worse.Severity));
        Assert.Equal((2, true, AlertRaiseOutcome.Worsened), (worse.Notification.Sequence, worse.Notification.Pending, worse.Notification.Reason));
    }

    [Fact]
    public void Raise_SeverityFalls_IsNotMaterial()
    {
        var (opened, _) = Apply(null, PriceBelowFloor(severity: AlertSeverity.Critical), T0);

        var (_, outcome) = Apply(opened, PriceBelowFloor(severity: AlertSeverity.Info), T0.AddMinutes(1));

        Assert.Equal(AlertRaiseOutcome.Repeated, outcome);
    }

    [Fact]
    public void Raise_AcknowledgedAgainUnchanged_StaysAcknowledged()
    {
        var (opened, _) = Apply(null, PriceBelowFloor(), T0);
        var acknowledged = AlertTransitions.Acknowledge(opened, "ana@acme.example", T0.AddMinutes(1)).Next!;

        var (again, outcome) = Apply(acknowledged, PriceBelowFloor(), T0.AddMinutes(2));

        Assert.Equal(AlertRaiseOutcome.Repeated, outcome);
        Assert.Equal((AlertState.Acknowledged, "ana@acme.example"), (again.State, again.AcknowledgedBy));
    }

    [Fact]
    public void Raise_CurrencyChanges_IsMaterial()
    {
        var (opened, _) = Apply(null, PriceBelowFloor(money: 100m), T0);

        var (_, outcome) = Apply(opened, PriceBelowFloor() with { MoneyAtStake = new MoneyAtStake(100m, "EUR") }, T0.AddMinutes(1));

        Assert.Equal(AlertRaiseOutcome.Worsened, outcome);
    }

    [Fact]
    public void Raise_MoneyAppearsWhereThereWasNone_IsMaterial()
    {
        var (opened, _) = Apply(null, PriceBelowFloor(money: null), T0);

        var (_, outcome) = Apply(opened, PriceBelowFloor(money: 5m), T0.AddMinutes(1));

        Assert.Equal(AlertRaiseOutcome.Worsened, outcome);
    }

    [Fact]
    public void Raise_AfterResolution_OpensNextEpisodeKeepingTheFinishedOne()
    {
        var (opened, _) = Apply(null, PriceBelowFloor(), T0);
        var (twice, _) = Apply(AlertNotifications.Delivered(opened, 1, T0), PriceBelowFloor(), T0.AddMinutes(5));
        var resolved = AlertTransitions.Resolve(twice, "ana@acme.example", T0.AddHours(1), "price fixed").Next!;

        var (reopened, outcome) = Apply(resolved, PriceBelowFloor(), T0.AddHours(2));

        Assert.Equal(AlertRaiseOutcome.Reopened, outcome);
        Assert.Equal(opened.Id, reopened.Id);
        Assert.Equal((AlertState.Open, 2, 1, T0.AddHours(2)), (reopened.State, reopened.Episode, reopened.Occurrences, reopened.FirstSeen));
        Assert.Null(reopened.ResolvedBy);
        Assert.Equal((2, true, AlertRaiseOutcome.Reopened), (reopened.Notification.Sequence, reopened.Notification.Pending, reopened.Notification.Reason));
        var past = Assert.Single(reopened.PastEpisodes);
        Assert.Equal(new AlertEpisode(1, T0, T0.AddMinutes(5), 2, null, "ana@acme.example", T0.AddHours(1), "price fixed"), past);
    }

    [Fact]
    public void Raise_ReopenedManyTimes_KeepsOnlyTheNewestPastEpisodes()
    {
        Alert? alert = null;
        for (var i = 0; i < Alert.MaxPastEpisodes + 3; i++)
        {
            (alert, _) = Apply(alert, PriceBelowFloor(), T0.AddHours(2 * i));
            alert = AlertTransitions.Resolve(alert, AlertTransitions.System, T0.AddHours((2 * i) + 1), null).Next!;
        }

        Assert.Equal(Alert.MaxPastEpisodes, alert!.PastEpisodes.Count);
        Assert.Equal(Alert.MaxPastEpisodes + 2, alert.PastEpisodes[0].Episode);
    }

    [Fact]
    public void Raise_NotificationsOff_RecordsWithoutRequestingButMovesTheBaseline()
    {
        var (opened, _) = AlertRaising.Decide(null, PriceBelowFloor(money: 100m), null, T0, AlertRenotifyPolicy.Default, notify: false);
        var (worse, outcome) = AlertRaising.Decide(opened, PriceBelowFloor(money: 500m), null, T0.AddMinutes(1), AlertRenotifyPolicy.Default, notify: false);

        Assert.Equal(AlertRaiseOutcome.Worsened, outcome);
        Assert.Equal((0, false), (worse.Notification.Sequence, worse.Notification.Pending));
        Assert.Equal(500m, worse.Notification.BaselineMoney!.Amount);
        Assert.False(new AlertRaiseResult(worse, outcome).Notifies);
    }

    [Fact]
    public void Raise_WhileANotificationIsPending_SupersedesIt()
    {
        var (opened, _) = Apply(null, PriceBelowFloor(money: 100m), T0);
        var failed = AlertNotifications.Failed(opened, 1, T0.AddMinutes(1), "the chat endpoint answered 500");

        var (worse, _) = Apply(failed, PriceBelowFloor(money: 1000m), T0.AddMinutes(2));

        Assert.Equal((2, true, 0, (string?)null), (worse.Notification.Sequence, worse.Notification.Pending, worse.Notification.Attempts, worse.Notification.LastError));
    }

    /// <summary>
    /// An activity runs at least once: a second execution of one raise (a retry, or two workers rebalancing a task hub)
    /// brings the same occurrence key. It used to count as a second occurrence ("seen 2 times" for a problem seen once).
    /// </summary>
    [Fact]
    public void Raise_SameOccurrenceKeyTwice_CountsAndNotifiesOnce()
    {
        var (opened, _) = Apply(null, PriceBelowFloor() with { OccurrenceKey = "flow-1:step-7" }, T0);

        var (again, outcome) = Apply(opened, PriceBelowFloor(money: 900m) with { OccurrenceKey = "flow-1:step-7", Message = "Run again." }, T0.AddSeconds(3));

        Assert.Equal(AlertRaiseOutcome.AlreadyCounted, outcome);
        Assert.Same(opened, again);
        Assert.Equal((1, T0, 1), (again.Occurrences, again.LastSeen, again.Notification.Sequence));
        Assert.False(new AlertRaiseResult(again, outcome).Notifies);
    }

    [Fact]
    public void Raise_TwoOccurrenceKeys_CountsBoth()
    {
        var (opened, _) = Apply(null, PriceBelowFloor() with { OccurrenceKey = "flow-1:step-7" }, T0);

        var (again, outcome) = Apply(opened, PriceBelowFloor() with { OccurrenceKey = "flow-1:step-9" }, T0.AddMinutes(1));

        Assert.Equal(AlertRaiseOutcome.Repeated, outcome);
        Assert.Equal((2, T0.AddMinutes(1)), (again.Occurrences, again.LastSeen));
        Assert.Equal(["flow-1:step-7", "flow-1:step-9"], again.CountedKeys);
    }

    [Fact]
    public void Raise_WithoutOccurrenceKey_CountsEveryRaise()
    {
        var (alert, _) = Apply(null, PriceBelowFloor(), T0);
        (alert, _) = Apply(alert, PriceBelowFloor(), T0.AddMinutes(1));
        (alert, var outcome) = Apply(alert, PriceBelowFloor(), T0.AddMinutes(2));

        Assert.Equal((AlertRaiseOutcome.Repeated, 3), (outcome, alert.Occurrences));
        Assert.Empty(alert.CountedKeys);
    }

    [Fact]
    public void Raise_ManyOccurrenceKeys_RemembersOnlyTheNewest()
    {
        Alert? alert = null;
        for (var i = 0; i < Alert.MaxCountedKeys + 5; i++)
        {
            (alert, _) = Apply(alert, PriceBelowFloor() with { OccurrenceKey = $"k{i}" }, T0.AddMinutes(i));
        }

        Assert.Equal(Alert.MaxCountedKeys + 5, alert!.Occurrences);
        Assert.Equal(Enumerable.Range(5, Alert.MaxCountedKeys).Select(i => $"k{i}"), alert.CountedKeys);
    }

    /// <summary>
    /// The second execution of a raise may come after the alert was resolved: it is the raise already counted in the
    /// finished episode, so it must not reopen the alert (it used to, notifying the owner of a problem already fixed).
    /// </summary>
    [Fact]
    public void Raise_KeyCountedBeforeResolution_DoesNotReopen()
    {
        var (opened, _) = Apply(null, PriceBelowFloor() with { OccurrenceKey = "flow-1:step-7" }, T0);
        var resolved = AlertTransitions.Resolve(opened, AlertTransitions.System, T0.AddMinutes(1), "price fixed").Next!;

        var (late, outcome) = Apply(resolved, PriceBelowFloor() with { OccurrenceKey = "flow-1:step-7" }, T0.AddMinutes(2));

        Assert.Equal(AlertRaiseOutcome.AlreadyCounted, outcome);
        Assert.Equal((AlertState.Resolved, 1), (late.State, late.Episode));
    }

    [Fact]
    public void Raise_NewKeyAfterResolution_ReopensAndAnOldKeyStillCountsNothing()
    {
        var (opened, _) = Apply(null, PriceBelowFloor() with { OccurrenceKey = "flow-1:step-7" }, T0);
        var resolved = AlertTransitions.Resolve(opened, AlertTransitions.System, T0.AddMinutes(1), "price fixed").Next!;
        var (reopened, outcome) = Apply(resolved, PriceBelowFloor() with { OccurrenceKey = "flow-2:step-3" }, T0.AddMinutes(2));

        var (late, lateOutcome) = Apply(reopened, PriceBelowFloor() with { OccurrenceKey = "flow-1:step-7" }, T0.AddMinutes(3));

        Assert.Equal((AlertRaiseOutcome.Reopened, 2, 1), (outcome, reopened.Episode, reopened.Occurrences));
        Assert.Equal((AlertRaiseOutcome.AlreadyCounted, 1), (lateOutcome, late.Occurrences));
    }

    [Fact]
    public void Raise_OntoAnotherAlertsRecord_Throws()
    {
        var (opened, _) = Apply(null, PriceBelowFloor(sku: "A"), T0);

        Assert.Throws<InvalidOperationException>(() => Apply(opened, PriceBelowFloor(sku: "B"), T0));
    }
}
