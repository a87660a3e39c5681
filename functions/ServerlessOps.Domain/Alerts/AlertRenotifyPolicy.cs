namespace ServerlessOps.Domain.Alerts;

/// <summary>
/// When a repeated raise of an unresolved alert is a material change, so the owner is told again. Material means,
/// against what the owner was last told (<see cref="AlertNotification.BaselineSeverity"/> and
/// <see cref="AlertNotification.BaselineMoney"/>): the severity rose; or money at stake appeared, changed currency,
/// or rose by at least <see cref="MoneyIncreaseRatio"/> of the baseline and at least <see cref="MinimumMoneyIncrease"/>.
/// Falls never notify (good news waits for the resolution). Comparing with the last notification rather than the
/// last raise means a slow creep still notifies once it has added up.
/// </summary>
/// <param name="MoneyIncreaseRatio">Relative rise over the baseline; default 0.5 (half as much again).</param>
/// <param name="MinimumMoneyIncrease">Absolute rise in the currency's units; default 10, so 0.01 to 0.02 is not news.</param>
public sealed record AlertRenotifyPolicy(decimal MoneyIncreaseRatio = 0.5m, decimal MinimumMoneyIncrease = 10m)
{
    public static AlertRenotifyPolicy Default { get; } = new();

    /// <summary>Whether <paramref name="severity"/> and <paramref name="money"/> are materially worse than the baseline.</summary>
    public bool IsMaterial(AlertNotification baseline, AlertSeverity severity, MoneyAtStake? money)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        if (baseline.BaselineSeverity is { } before && severity > before)
        {
            return true;
        }

        if (money is null || money.Amount == 0)
        {
            return false;
        }

        if (baseline.BaselineMoney is not { } previous)
        {
            return true;
        }

        if (!string.Equals(previous.Currency, money.Currency, StringComparison.Ordinal))
        {
            return true;
        }

        var rise = money.Amount - previous.Amount;
        return rise >= MinimumMoneyIncrease && rise >= previous.Amount * MoneyIncreaseRatio;
    }
}
