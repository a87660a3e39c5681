namespace ServerlessOps.Domain.Review.Report;

/// <summary>Which report: the monthly review (period <c>2026-11</c>), a week (<c>2026-W47</c>, ISO) or a day (<c>2026-11-30</c>), in the brand's time zone.</summary>
public enum ReportKind
{
    Monthly,
    Weekly,
    Daily,
}
