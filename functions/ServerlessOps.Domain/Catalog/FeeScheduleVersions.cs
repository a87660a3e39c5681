namespace ServerlessOps.Domain.Catalog;

/// <summary>
/// A channel's fee schedule as it was known over time. The pricing rule reads the current rows; the monthly review also
/// needs the schedule as it stood when a closed month's report was written, so that a correction imported later (even
/// one starting inside that month) does not move what the closed month counted. Each imported row carries
/// <see cref="FeeRule.RecordedAt"/>, and a row a later import replaces is kept as a <see cref="ReplacedFeeRule"/>.
/// </summary>
public static class FeeScheduleVersions
{
    /// <summary>
    /// <paramref name="incoming"/> merged into the stored rows as <see cref="EffectivePeriods.Merge"/> does (same key and
    /// start replaces), each new row stamped <paramref name="recordedAt"/>. A stored row with the same terms is kept as it
    /// is (re-importing a file records nothing new); one with other terms moves to the replaced rows, replaced at
    /// <paramref name="recordedAt"/>.
    /// </summary>
    public static (IReadOnlyList<FeeRule> Rules, IReadOnlyList<ReplacedFeeRule> Replaced) Merge(
        IReadOnlyList<FeeRule> stored, IReadOnlyList<ReplacedFeeRule> replaced, IEnumerable<FeeRule> incoming, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(replaced);
        ArgumentNullException.ThrowIfNull(incoming);
        var current = new Dictionary<(string, DateTimeOffset), FeeRule>();
        foreach (var rule in stored)
        {
            // Last wins, as EffectivePeriods.Merge: rows stored before keys ignored the category's case may share one.
            current[(EffectivePeriods.FeeKey(rule), rule.EffectiveFrom)] = rule;
        }

        var replacedNow = new List<ReplacedFeeRule>(replaced);
        foreach (var rule in incoming)
        {
            var key = (EffectivePeriods.FeeKey(rule), rule.EffectiveFrom);
            if (current.TryGetValue(key, out var old))
            {
                if (SameTerms(old, rule))
                {
                    continue;
                }

                replacedNow.Add(new ReplacedFeeRule(old, recordedAt));
            }

            current[key] = rule with { RecordedAt = recordedAt };
        }

        return (EffectivePeriods.Merge([], current.Values, EffectivePeriods.FeeKey, r => r.EffectiveFrom), replacedNow);
    }

    /// <summary>
    /// The rows of the schedule as it stood at <paramref name="knownAt"/>: the current rows recorded by then (or never
    /// stamped), and the replaced rows recorded by then and replaced after it. Pick those in effect with
    /// <see cref="EffectivePeriods.FeesAt"/>, as for the current schedule.
    /// </summary>
    public static IReadOnlyList<FeeRule> KnownAt(IReadOnlyList<FeeRule> rules, IReadOnlyList<ReplacedFeeRule> replaced, DateTimeOffset knownAt)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(replaced);
        return [.. rules.Where(r => Known(r, knownAt)).Concat(replaced.Where(v => Known(v.Rule, knownAt) && v.ReplacedAt > knownAt).Select(v => v.Rule))];
    }

    private static bool Known(FeeRule rule, DateTimeOffset at) => rule.RecordedAt is not { } recorded || recorded <= at;

    private static bool SameTerms(FeeRule a, FeeRule b) => a with { RecordedAt = null } == b with { RecordedAt = null };
}
