using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Review.Report;

/// <summary>A winner or a loser: a SKU on a channel whose contribution trend says to grow it or cut it.</summary>
/// <param name="Trend">Monthly change in contribution over the last three months (least-squares slope), base currency.</param>
/// <param name="SuggestedBudgetShift">Ad budget to move to it (positive) or away from it (negative) per month.</param>
public sealed record ScaleCall(
    SalesChannel Channel,
    string Sku,
    bool Winner,
    decimal ContributionThisMonth,
    decimal Trend,
    decimal SuggestedBudgetShift,
    string Reason);
