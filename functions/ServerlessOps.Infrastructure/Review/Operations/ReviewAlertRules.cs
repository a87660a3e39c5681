using ServerlessOps.Domain.Review.Findings;

namespace ServerlessOps.Infrastructure.Review.Operations;

/// <summary>
/// The checks a brand's daily run enforces: the alert rules of the newest month's roadmap
/// (<see cref="ReviewWorkStore.AlertRules"/>). A review of an older month never replaces a newer month's rules.
/// </summary>
public sealed record ReviewAlertRules(string BrandId, string Month, IReadOnlyList<AlertRuleSpec> Rules)
{
    /// <summary>
    /// Whether these rules take the place of <paramref name="stored"/>: there are none, or they are of this month (a re-run
    /// of it) or an older one. Months are <c>yyyy-MM</c>, so they compare as text.
    /// </summary>
    public bool MayReplace(ReviewAlertRules? stored) => stored is null || string.CompareOrdinal(stored.Month, Month) <= 0;
}
