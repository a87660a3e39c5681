namespace ServerlessOps.Domain.Catalog;

/// <summary>
/// Which dated rows apply at an instant. Rows of one key (a SKU's costs; a channel's fee of one type and category)
/// supersede each other by start: at <c>t</c> the row with the latest <c>from ≤ t</c> applies, unless its own end
/// (<c>to</c>, exclusive) has passed, in which case none does. So importing a new cost from 1 July ends the old one on
/// 1 July without editing it, and an explicit end leaves a gap on purpose.
/// </summary>
public static class EffectivePeriods
{
    /// <summary>The row of <paramref name="rows"/> (one key) in effect at <paramref name="at"/>, or null.</summary>
    public static T? At<T>(IEnumerable<T> rows, DateTimeOffset at, Func<T, DateTimeOffset> from, Func<T, DateTimeOffset?> to)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        var latest = rows.Where(r => from(r) <= at).MaxBy(from);
        return latest is not null && (to(latest) is not { } end || at < end) ? latest : null;
    }

    /// <summary>The unit cost in effect at <paramref name="at"/>, or null when none was imported for then.</summary>
    public static UnitCost? CostAt(IEnumerable<UnitCost> costs, DateTimeOffset at) =>
        At(costs, at, c => c.EffectiveFrom, c => c.EffectiveTo);

    /// <summary>
    /// The fee rules in effect at <paramref name="at"/>: per fee type and category, the one that applies then. Both are
    /// matched ignoring case (<see cref="FeeKey"/>), so a row renewed as "referral" or "grocery" supersedes "Referral" or
    /// "Grocery" instead of being charged beside it.
    /// </summary>
    public static IReadOnlyList<FeeRule> FeesAt(IEnumerable<FeeRule> rules, DateTimeOffset at) =>
        [.. rules
            .GroupBy(r => (r.Channel, FeeKey(r)))
            .Select(g => At(g, at, r => r.EffectiveFrom, r => r.EffectiveTo))
            .OfType<FeeRule>()
            .OrderBy(r => r.FeeType, StringComparer.Ordinal)
            .ThenBy(r => r.Category ?? string.Empty, StringComparer.Ordinal)];

    /// <summary>
    /// The key under which a channel's fee rows supersede each other: fee type and category, both ignoring letter case
    /// (the guardrail matches a line's category so, and groups a type's rules so). The fee-schedule import merges by it
    /// too, so a corrected row written "referral" or "grocery" replaces the stored "Referral" or "Grocery" of the same
    /// start instead of standing beside it, both charged.
    /// </summary>
    public static string FeeKey(FeeRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return $"{rule.FeeType.ToUpperInvariant()}\u001f{rule.Category?.ToUpperInvariant()}";
    }

    /// <summary>
    /// <paramref name="existing"/> with <paramref name="incoming"/> merged in: a row with the same key and start replaces
    /// the stored one (re-importing a corrected file corrects it), others are added. Ordered by key, then start.
    /// </summary>
    public static IReadOnlyList<T> Merge<T, TKey>(IEnumerable<T> existing, IEnumerable<T> incoming, Func<T, TKey> key, Func<T, DateTimeOffset> from)
        where TKey : notnull
    {
        var merged = new Dictionary<(TKey, DateTimeOffset), T>();
        foreach (var row in existing.Concat(incoming))
        {
            merged[(key(row), from(row))] = row;
        }

        return [.. merged.Values.OrderBy(r => key(r).ToString(), StringComparer.Ordinal).ThenBy(from)];
    }
}
