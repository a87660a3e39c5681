namespace ServerlessOps.Domain.Alerts;

/// <summary>How many of a brand's alerts of one kind are in one unresolved state.</summary>
public sealed record AlertCount(AlertKind Kind, AlertState State, int Count);
