namespace ServerlessOps.Workflows.MonthlyReview;

/// <summary>Which brand and closed month to review (<c>yyyy-MM</c>, the brand's time zone).</summary>
/// <param name="StartedBy">Who asked: <c>tick</c>, <c>catch-up</c> or the caller of the start route (for the status only).</param>
public sealed record MonthlyReviewInput(string BrandId, string Month, string StartedBy);
