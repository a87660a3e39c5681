namespace ServerlessOps.Workflows.MonthlyReview;

/// <summary>How the review ended: the published report's version and files, and the counts of each phase.</summary>
public sealed record MonthlyReviewResult(
    string BrandId,
    string Month,
    string Version,
    IReadOnlyList<string> Files,
    string Owner,
    long RowsRead,
    int Findings,
    int RoadmapItems,
    int AlertRules,
    int ScaleCalls);
