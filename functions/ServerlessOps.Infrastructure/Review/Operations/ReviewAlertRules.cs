using ServerlessOps.Domain.Review.Findings;

namespace ServerlessOps.Infrastructure.Review.Operations;

/// <summary>
/// The checks a brand's daily run enforces: the alert rules of the newest month's roadmap
/// (<see cref="ReviewWorkStore.AlertRules"/>). A review of an older month never replaces a newer month's rules.
/// </summary>
public sealed record ReviewAlertRules(string BrandId, string Month, IReadOnlyList<AlertRuleSpec> Rules);
