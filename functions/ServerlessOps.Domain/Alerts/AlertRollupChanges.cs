namespace ServerlessOps.Domain.Alerts;

/// <summary>
/// The state changes of one alert that a brand's <see cref="AlertRollup"/> has counted lately: every revision up to
/// <paramref name="CountedThrough"/> (a recount saw the alert at that revision), and <paramref name="Applied"/> ones
/// above it, each applied as it came. Kept <see cref="AlertRollup.RecentLifetime"/> after <paramref name="At"/>.
/// </summary>
public sealed record AlertRollupChanges(int CountedThrough, IReadOnlyList<int> Applied, DateTimeOffset At)
{
    /// <summary>Whether the change written at <paramref name="revision"/> is counted already.</summary>
    public bool Counts(int revision) => revision <= CountedThrough || Applied.Contains(revision);

    public AlertRollupChanges With(int revision, DateTimeOffset at) => this with { Applied = [.. Applied, revision], At = at };

    public AlertRollupChanges Through(int revision, DateTimeOffset at) =>
        revision <= CountedThrough ? this with { At = at } : new(revision, [.. Applied.Where(r => r > revision)], at);
}
