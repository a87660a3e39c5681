namespace ServerlessOps.Domain.Alerts;

/// <summary>One alert as the brand's open-alert counts know it (<see cref="AlertRollup"/>).</summary>
/// <param name="Revision">The alert's <see cref="Alert.Revision"/> this entry reflects; an older one never overwrites a newer.</param>
/// <param name="At">When the entry was written (resolved entries are pruned a while after).</param>
public sealed record AlertRollupEntry(AlertKind Kind, AlertState State, int Revision, DateTimeOffset At)
{
    public static AlertRollupEntry Of(Alert alert, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new(alert.Kind, alert.State, alert.Revision, at);
    }
}
