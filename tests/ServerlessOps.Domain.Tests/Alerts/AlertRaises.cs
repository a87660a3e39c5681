using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Tests.Alerts;

/// <summary>Raises and times for the alert rule tests.</summary>
internal static class AlertRaises
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    public static AlertRaise PriceBelowFloor(decimal? money = 100m, AlertSeverity? severity = null, string sku = "TEE-RED-M") =>
        new("acme", AlertKind.PriceBelowFloor, AlertSubject.Listing(SalesChannel.Shopify, sku), $"{sku} sells at 17.50 on Shopify, under its floor of 19.99.")
        {
            Channel = SalesChannel.Shopify,
            Severity = severity,
            MoneyAtStake = money is { } m ? new MoneyAtStake(m, "USD") : null,
            Evidence = new Dictionary<string, string> { ["floor"] = "19.99", ["price"] = "17.50" },
        };

    /// <summary>Applies <paramref name="raise"/> with notifications on and the default policy.</summary>
    public static (Alert Alert, AlertRaiseOutcome Outcome) Apply(Alert? current, AlertRaise raise, DateTimeOffset at, string? owner = "pricing@acme.example") =>
        AlertRaising.Decide(current, raise, owner, at, AlertRenotifyPolicy.Default, notify: true);
}
