namespace ServerlessOps.Domain.Alerts;

/// <summary>
/// One stored change of an alert's state, as the brand's open-alert counts apply it (<see cref="AlertRollup"/>): the
/// write of <paramref name="Revision"/> moved the alert from <paramref name="From"/> (null: the write created it) to
/// <paramref name="To"/>. The alert's revision makes it unique, so applying it twice can be recognised.
/// </summary>
public sealed record AlertStateChange(string AlertId, AlertKind Kind, int Revision, AlertState? From, AlertState To);
