namespace ServerlessOps.Domain.Review.Audit;

/// <summary>
/// When a month's rate counts as above its own baseline: both relatively (more than <see cref="RelativeFactor"/> times the
/// baseline rate) and absolutely (at least a minimum count of excess events, set per rule). The absolute part is what
/// keeps one bad day of a healthy SKU or channel (two refunds where half of one was expected) off the roadmap; the
/// relative part keeps a large but steady rate from firing every month.
/// </summary>
public static class BaselineExcess
{
    /// <summary>The month's rate must exceed 1.5 × the baseline rate.</summary>
    public const decimal RelativeFactor = 1.5m;

    /// <summary>True when <paramref name="rate"/> is above <see cref="RelativeFactor"/> × <paramref name="baselineRate"/> and the excess count reaches <paramref name="minimumExcess"/>.</summary>
    public static bool Exceeds(decimal rate, decimal baselineRate, decimal excessCount, decimal minimumExcess) =>
        rate > baselineRate * RelativeFactor && excessCount >= minimumExcess;
}
