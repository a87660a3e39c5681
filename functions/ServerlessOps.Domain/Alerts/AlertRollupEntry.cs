namespace ServerlessOps.Domain.Alerts;

/// <summary>
/// One alert as the first schema of the brand's open-alert counts knew it (one entry per alert, which grew with the
/// brand's unresolved alerts); read only to carry such a rollup over (<see cref="AlertRollup.FromEntries"/>).
/// </summary>
/// <param name="Revision">The alert's <see cref="Alert.Revision"/> this entry reflects.</param>
/// <param name="At">When the entry was written.</param>
public sealed record AlertRollupEntry(AlertKind Kind, AlertState State, int Revision, DateTimeOffset At);
