namespace ServerlessOps.Domain.Review.Cycle;

/// <summary>
/// One brand's review of one closed month: what every phase of the monthly review works on. The month is kept as its
/// text (<c>yyyy-MM</c>) because this record travels through the orchestration history, whose serializer would recurse
/// into <see cref="ReviewMonth.Previous"/>.
/// </summary>
public sealed record ReviewRun(string BrandId, string Month)
{
    /// <summary>
    /// The month as a value; throws when <see cref="Month"/> is not <c>yyyy-MM</c>. A method, not a property, so no
    /// serializer of the history walks into it.
    /// </summary>
    public ReviewMonth Period() => ReviewMonth.TryParse(Month, out var month)
        ? month
        : throw new FormatException($"Monthly review of brand '{BrandId}': '{Month}' is not a month (yyyy-MM).");

    /// <summary>The orchestration instance of this review: one per brand and month, however many starts.</summary>
    public string InstanceId() => ReviewIds.For(BrandId, Period());
}
