using System.Globalization;
using Microsoft.DurableTask;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Workflows.OrderFlow.Activities;

/// <summary>An alert about one order, or its clearing (<see cref="Clear"/>).</summary>
public sealed record OrderAlertRequest(string BrandId, SalesChannel Channel, string OrderId, AlertKind Kind, string Message)
{
    public IReadOnlyDictionary<string, string>? Evidence { get; init; }

    public decimal? MoneyAtStake { get; init; }

    public string? Currency { get; init; }

    /// <summary>Resolve the alert instead (its cause is gone: the order shipped).</summary>
    public bool Clear { get; init; }

    /// <summary>
    /// Names this one raise (<see cref="AlertRaise.OccurrenceKey"/>): made by the orchestrator when it schedules the raise,
    /// so every execution of it (retries, or a second worker taking it over) brings the same key and is counted once.
    /// Null (requests scheduled before keys existed) counts every execution.
    /// </summary>
    public string? OccurrenceKey { get; init; }
}

/// <summary>
/// Raises (or clears) an order's alert through the alert system: one alert per brand, kind and order, notifying the
/// owner of the kind's signal on the order's channel once until it worsens or is resolved, so a retried activity or a
/// replayed flow never alerts twice; and counted once per <see cref="OrderAlertRequest.OccurrenceKey"/>, so an
/// execution run twice is one occurrence. Answers the owner named, if any.
/// </summary>
public sealed class RaiseOrderAlertActivity(IAlertRaiser alerts) : TaskActivity<OrderAlertRequest, string?>
{
    public override async Task<string?> RunAsync(TaskActivityContext context, OrderAlertRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var subject = AlertSubject.Order(input.OrderId);
        if (input.Clear)
        {
            var cleared = await alerts.ClearAsync(input.BrandId, input.Kind, subject, "The order flow saw the cause gone.");
            return cleared?.Owner;
        }

        var raise = new AlertRaise(input.BrandId, input.Kind, subject, input.Message)
        {
            Channel = input.Channel,
            Evidence = input.Evidence,
            OccurrenceKey = input.OccurrenceKey,
            MoneyAtStake = input.MoneyAtStake is { } amount && input.Currency is { } currency
                ? new MoneyAtStake(Math.Max(0m, amount), currency.ToUpperInvariant())
                : null,
        };
        var result = await alerts.RaiseAsync(raise);
        return result.Alert.Owner;
    }

    internal static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
