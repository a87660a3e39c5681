namespace ServerlessOps.Domain.Review.Cycle;

/// <summary>
/// Instance ids of the monthly review: <c>monthly-review:{brandId}:{yyyy-MM}</c>. Deterministic, so the hourly tick, the
/// catch-up and the manual start all meet the same instance.
/// </summary>
public static class ReviewIds
{
    public const string Prefix = "monthly-review:";

    public static string For(string brandId, ReviewMonth month)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        return $"{Prefix}{brandId}:{month}";
    }

    /// <summary>The brand and month of an instance id this class made; false for any other id.</summary>
    public static bool TryParse(string? instanceId, out ReviewRun run)
    {
        run = null!;
        if (instanceId is null || !instanceId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = instanceId[Prefix.Length..];
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || !ReviewMonth.TryParse(rest[(colon + 1)..], out var month))
        {
            return false;
        }

        run = new ReviewRun(rest[..colon], month.ToString());
        return true;
    }
}
