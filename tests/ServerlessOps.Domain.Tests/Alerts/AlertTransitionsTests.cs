using ServerlessOps.Domain.Alerts;
using static ServerlessOps.Domain.Tests.Alerts.AlertRaises;

namespace ServerlessOps.Domain.Tests.Alerts;

public sealed class AlertTransitionsTests
{
    private static readonly Alert Opened = Apply(null, PriceBelowFloor(), T0).Alert;

    [Fact]
    public void Acknowledge_Open_RecordsWhoAndWhen()
    {
        var change = AlertTransitions.Acknowledge(Opened, "ana@acme.example", T0.AddMinutes(3));

        Assert.Null(change.Refusal);
        Assert.Equal((AlertState.Acknowledged, "ana@acme.example", T0.AddMinutes(3)), (change.Next!.State, change.Next.AcknowledgedBy, change.Next.AcknowledgedAt));
    }

    [Fact]
    public void Acknowledge_Twice_IsRefusedNamingTheFirst()
    {
        var acknowledged = AlertTransitions.Acknowledge(Opened, "ana@acme.example", T0.AddMinutes(3)).Next!;

        var again = AlertTransitions.Acknowledge(acknowledged, "bo@acme.example", T0.AddMinutes(4));

        Assert.Null(again.Next);
        Assert.Contains("already acknowledged by ana@acme.example", again.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Acknowledge_Resolved_IsRefused()
    {
        var resolved = AlertTransitions.Resolve(Opened, "ana@acme.example", T0.AddMinutes(3), null).Next!;

        Assert.Contains("nothing to acknowledge", AlertTransitions.Acknowledge(resolved, "bo@acme.example", T0.AddMinutes(4)).Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Acknowledge_WithPendingNotification_DropsIt_SoTheOwnerIsNotToldOfWhatSomeoneTook()
    {
        Assert.True(Opened.Notification.Pending);

        var acknowledged = AlertTransitions.Acknowledge(Opened, "ana@acme.example", T0.AddMinutes(1)).Next!;

        Assert.False(acknowledged.Notification.Pending);
        Assert.False(AlertNotifications.IsClaimable(acknowledged, T0.AddHours(1)));
        Assert.Contains("acknowledged", acknowledged.Notification.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_WithPendingNotification_DropsIt()
    {
        Assert.True(Opened.Notification.Pending);

        var resolved = AlertTransitions.Resolve(Opened, AlertTransitions.System, T0.AddMinutes(1), "  price corrected on the channel  ").Next!;

        Assert.Equal((AlertState.Resolved, "system", "price corrected on the channel"), (resolved.State, resolved.ResolvedBy, resolved.Resolution));
        Assert.False(resolved.Notification.Pending);
        Assert.False(AlertNotifications.IsClaimable(resolved, T0.AddHours(1)));
    }

    [Fact]
    public void Resolve_Twice_IsRefused()
    {
        var resolved = AlertTransitions.Resolve(Opened, "ana@acme.example", T0.AddMinutes(1), null).Next!;

        Assert.Contains("already resolved by ana@acme.example", AlertTransitions.Resolve(resolved, "bo@acme.example", T0.AddMinutes(2), null).Refusal, StringComparison.Ordinal);
    }
}
