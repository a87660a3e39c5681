namespace ServerlessOps.Infrastructure.Backstop;

/// <summary>The changes a run asks a channel for: updated at or after <paramref name="From"/> and before <paramref name="Until"/>.</summary>
public sealed record ChangedOrderWindow(DateTimeOffset From, DateTimeOffset Until);
