using ServerlessOps.Domain.Alerts;
using static ServerlessOps.Domain.Tests.Alerts.AlertRaises;

namespace ServerlessOps.Domain.Tests.Alerts;

/// <summary>Claims, deliveries and failures of a pending notification.</summary>
public sealed class AlertNotificationsTests
{
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);
    private static readonly Alert Pending = Apply(null, PriceBelowFloor(), T0).Alert;

    [Fact]
    public void Claim_LiveClaim_KeepsOtherSendersOutUntilItRunsOut()
    {
        var claimed = AlertNotifications.Claim(Pending, T0, ClaimFor)!;

        Assert.Null(AlertNotifications.Claim(claimed, T0.AddMinutes(1), ClaimFor));
        Assert.NotNull(AlertNotifications.Claim(claimed, T0.AddMinutes(2), ClaimFor));
    }

    [Fact]
    public void Delivered_ThePendingOne_EndsPendingAndReleasesTheClaim()
    {
        var claimed = AlertNotifications.Claim(Pending, T0, ClaimFor)!;

        var delivered = AlertNotifications.Delivered(claimed, 1, T0.AddSeconds(2)).Notification;

        Assert.Equal((false, T0.AddSeconds(2), 1, (DateTimeOffset?)null), (delivered.Pending, delivered.NotifiedAt, delivered.NotifiedSequence, delivered.ClaimedUntil));
    }

    [Fact]
    public void Delivered_WhileANewerOneWasRequested_LeavesTheNewerPending()
    {
        var claimed = AlertNotifications.Claim(Pending, T0, ClaimFor)!;
        var (worse, _) = Apply(claimed, PriceBelowFloor(money: 1000m), T0.AddSeconds(1));

        var delivered = AlertNotifications.Delivered(worse, 1, T0.AddSeconds(2));

        Assert.Equal((true, 2, 1), (delivered.Notification.Pending, delivered.Notification.Sequence, delivered.Notification.NotifiedSequence));
        Assert.True(AlertNotifications.IsClaimable(delivered, T0.AddSeconds(2)));
    }

    /// <summary>
    /// Sender A posts notification 1 while a worsening requests notification 2; A's claim runs out (a slow post or record
    /// write) and B claims notification 2. A's outcome, recorded next, used to release B's claim with its own, so a third
    /// sender (a copy of the queue message) could claim and post notification 2 while B still posted it.
    /// </summary>
    [Fact]
    public void Delivered_AfterItsClaimRanOutAndAnotherSenderClaimed_LeavesTheOtherSendersClaim()
    {
        var (a, b) = ClaimedByAThenB();

        var afterA = AlertNotifications.Delivered(b, 1, T0.AddMinutes(3), a.Notification.ClaimedUntil);

        Assert.Equal(b.Notification.ClaimedUntil, afterA.Notification.ClaimedUntil);
        Assert.Null(AlertNotifications.Claim(afterA, T0.AddMinutes(3).AddSeconds(1), ClaimFor));
    }

    [Fact]
    public void Failed_AfterItsClaimRanOutAndAnotherSenderClaimed_LeavesTheOtherSendersClaim()
    {
        var (a, b) = ClaimedByAThenB();

        var afterA = AlertNotifications.Failed(b, 1, T0.AddMinutes(3), "the chat endpoint answered 500", 500, claimedUntil: a.Notification.ClaimedUntil);

        Assert.Equal(b.Notification.ClaimedUntil, afterA.Notification.ClaimedUntil);
        Assert.Null(AlertNotifications.Claim(afterA, T0.AddMinutes(3).AddSeconds(1), ClaimFor));
    }

    [Fact]
    public void Failed_CountsTheAttemptAndIsDueForRetryAfterTheDelay()
    {
        var claimed = AlertNotifications.Claim(Pending, T0, ClaimFor)!;

        var failed = AlertNotifications.Failed(claimed, 1, T0.AddSeconds(30), "the chat endpoint answered 500 Internal Server Error");

        Assert.Equal((true, 1, "the chat endpoint answered 500 Internal Server Error"), (failed.Notification.Pending, failed.Notification.Attempts, failed.Notification.LastError));
        Assert.False(AlertNotifications.IsDueForRetry(failed, T0.AddSeconds(60), TimeSpan.FromMinutes(2)));
        Assert.True(AlertNotifications.IsDueForRetry(failed, T0.AddSeconds(150), TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public void Failed_Refused_IsNotDueUntilItsBackOffEndsAndDeliveryClearsIt()
    {
        var claimed = AlertNotifications.Claim(Pending, T0, ClaimFor)!;

        var refused = AlertNotifications.Failed(claimed, 1, T0, "the chat endpoint answered 404 Not Found", 404, TimeSpan.FromMinutes(8));

        Assert.Equal((404, T0.AddMinutes(8)), (refused.Notification.LastStatus, refused.Notification.BackedOffUntil));
        Assert.False(AlertNotifications.IsDueForRetry(refused, T0.AddMinutes(7), TimeSpan.FromMinutes(2)));
        Assert.True(AlertNotifications.IsDueForRetry(refused, T0.AddMinutes(8), TimeSpan.FromMinutes(2)));
        var delivered = AlertNotifications.Delivered(AlertNotifications.Claim(refused, T0.AddMinutes(8), ClaimFor)!, 1, T0.AddMinutes(8)).Notification;
        Assert.Equal(((int?)null, (DateTimeOffset?)null), (delivered.LastStatus, delivered.BackedOffUntil));
    }

    [Fact]
    public void RefusalBackOff_DoublesPerRefusedAttemptUpToTheCap()
    {
        var waits = Enumerable.Range(1, 6).Select(a => AlertNotifications.RefusalBackOff(a, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(30)));

        Assert.Equal([2, 4, 8, 16, 30, 30], waits.Select(w => w.TotalMinutes));
        Assert.Equal(TimeSpan.FromHours(6), AlertNotifications.RefusalBackOff(1000, TimeSpan.FromMinutes(2), TimeSpan.FromHours(6)));
    }

    [Fact]
    public void IsDueForRetry_FreshRequest_WaitsForTheQueueHandOff()
    {
        Assert.False(AlertNotifications.IsDueForRetry(Pending, T0.AddSeconds(10), TimeSpan.FromMinutes(2)));
        Assert.True(AlertNotifications.IsDueForRetry(Pending, T0.AddMinutes(2), TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public void Dropped_EndsPendingSayingWhy()
    {
        var dropped = AlertNotifications.Dropped(Pending, "not sent: no endpoint");

        Assert.Equal((false, "not sent: no endpoint"), (dropped.Notification.Pending, dropped.Notification.LastError));
        Assert.Null(AlertNotifications.Claim(dropped, T0, ClaimFor));
    }

    /// <summary>A claims notification 1 at T0; notification 2 is requested; A's claim runs out and B claims at T0 + 2 min 30 s.</summary>
    private static (Alert A, Alert B) ClaimedByAThenB()
    {
        var a = AlertNotifications.Claim(Pending, T0, ClaimFor)!;
        var (worse, _) = Apply(a, PriceBelowFloor(money: 1000m), T0.AddSeconds(1));
        var b = AlertNotifications.Claim(worse, T0.AddMinutes(2).AddSeconds(30), ClaimFor)!;
        return (a, b);
    }
}
