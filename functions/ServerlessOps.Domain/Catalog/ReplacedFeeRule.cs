namespace ServerlessOps.Domain.Catalog;

/// <summary>
/// A fee rule a later import replaced (same fee type, category and start, other terms), kept so that what the schedule
/// said before the correction can still be told (<see cref="FeeScheduleVersions.KnownAt"/>).
/// </summary>
/// <param name="Rule">The rule as it stood, with its own <see cref="FeeRule.RecordedAt"/>.</param>
/// <param name="ReplacedAt">When the import that replaced it stored its replacement.</param>
public sealed record ReplacedFeeRule(FeeRule Rule, DateTimeOffset ReplacedAt);
